import { secret } from '@reversal/core';
import { generateKeyPairSync } from 'node:crypto';
import { inspect } from 'node:util';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { computeBearerToken } from './bearer-token.js';
import { parsePublicKey } from './public-key.js';

const pair = generateKeyPairSync('rsa', {
  modulusLength: 4096,
  publicKeyEncoding: { type: 'spki', format: 'der' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const publicKey = parsePublicKey(pair.publicKey.toString('base64'))!;
const privateKey = forge.pki.privateKeyFromPem(pair.privateKey) as forge.pki.rsa.PrivateKey;

describe('computeBearerToken', () => {
  it('is base64(RSA-PKCS#1 v1.5(apiKey)): 684 characters for a 4096-bit key, decrypting to the key', () => {
    const token = computeBearerToken(secret('aaaabbbbccccddddeeeeffff00001111'), publicKey).reveal();
    expect(token).toHaveLength(684);
    expect(privateKey.decrypt(forge.util.decode64(token), 'RSAES-PKCS1-V1_5')).toBe('aaaabbbbccccddddeeeeffff00001111');
  });

  it('encodes a non-ASCII API key as UTF-8', () => {
    const token = computeBearerToken(secret('chave-ç'), publicKey).reveal();
    expect(forge.util.decodeUtf8(privateKey.decrypt(forge.util.decode64(token), 'RSAES-PKCS1-V1_5'))).toBe('chave-ç');
  });

  it('is a Secret that never prints', () => {
    const token = computeBearerToken(secret('api-key-value'), publicKey);
    expect([String(token), JSON.stringify({ token }), inspect(token)].join()).not.toContain(token.reveal());
  });

  it('refuses an API key longer than the key can encrypt', () => {
    expect(() => computeBearerToken(secret('x'.repeat(600)), publicKey)).toThrow(RangeError);
  });
});
