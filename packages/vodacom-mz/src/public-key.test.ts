import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePublicKey } from './public-key.js';

// Vodacom's Mozambique sandbox key, as the developer portal hands it out (base64 DER, no headers).
const SANDBOX_KEY = readFileSync(new URL('./__fixtures__/mz-sandbox-public-key.b64', import.meta.url), 'utf8').trim();
const pem = (base64: string, label = 'PUBLIC KEY') =>
  `-----BEGIN ${label}-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END ${label}-----\n`;

describe('parsePublicKey', () => {
  it("reads Vodacom's key as handed out: base64 DER without headers, 4096-bit", () => {
    expect(parsePublicKey(SANDBOX_KEY)?.asymmetricKeyDetails?.modulusLength).toBe(4096);
  });

  it('reads the same key as PEM, PEM with literal \\n (environment variables), and base64 with line breaks', () => {
    const modulus = parsePublicKey(SANDBOX_KEY)!.export({ format: 'jwk' }).n;
    for (const form of [pem(SANDBOX_KEY), pem(SANDBOX_KEY).replace(/\n/g, '\\n'), SANDBOX_KEY.match(/.{1,76}/g)!.join('\n')]) {
      expect(parsePublicKey(form)?.export({ format: 'jwk' }).n).toBe(modulus);
    }
  });

  it('reads an indented PEM (YAML, template literals) and a key with surrounding whitespace', () => {
    const modulus = parsePublicKey(SANDBOX_KEY)!.export({ format: 'jwk' }).n;
    const indented = pem(SANDBOX_KEY)
      .split('\n')
      .map((line) => `    ${line}`)
      .join('\n');
    const yaml = `\n  ${pem(SANDBOX_KEY).trimEnd().replace(/\n/g, '\n  ')}\n`;
    const tabbed = `\t${pem(SANDBOX_KEY).replace(/\n/g, '\r\n\t')}`;
    for (const form of [indented, yaml, tabbed, `  ${SANDBOX_KEY}\n\n`, `\n${pem(SANDBOX_KEY)}   `]) {
      expect(parsePublicKey(form)?.export({ format: 'jwk' }).n).toBe(modulus);
    }
  });

  it('reads a PKCS#1 "RSA PUBLIC KEY" PEM', () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pkcs1 = publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    expect(parsePublicKey(pkcs1)?.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it.each([
    ['empty text', ''],
    ['a truncated key', SANDBOX_KEY.slice(0, 200)],
    ['base64 that is not a key', Buffer.from('hello world, not a key').toString('base64')],
    ['a PEM with a broken body', pem('QUJD')],
    ['a certificate PEM', pem(SANDBOX_KEY, 'CERTIFICATE')],
    ['a PEM whose labels differ', pem(SANDBOX_KEY).replace('END PUBLIC KEY', 'END RSA PUBLIC KEY')],
    ['an EC public key', generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString()],
    ['an RSA private key', generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()],
    ['a number', 42],
  ])('refuses %s', (_name, input) => {
    expect(parsePublicKey(input)).toBeUndefined();
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.base64String(), fc.anything()), (input) => {
        const key = parsePublicKey(input);
        expect(key === undefined || key.asymmetricKeyType === 'rsa').toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
