import { type Secret, secret } from '@reversal/core';
import { constants, type KeyObject, publicEncrypt } from 'node:crypto';

/**
 * The `Authorization: Bearer …` token of the Vodacom Mozambique API: base64( RSA-PKCS#1 v1.5(
 * apiKey, Vodacom's public key ) ). There is no session step; the token is computed once per
 * provider instance. PKCS#1 v1.5 padding is random, so two computations differ and both are valid.
 * A 4096-bit key gives a 684-character token.
 *
 * Throws a `RangeError` when the key is too small to encrypt the API key (at most its size in bytes
 * minus 11).
 */
export function computeBearerToken(apiKey: Secret, publicKey: KeyObject): Secret {
  const bytes = Buffer.from(apiKey.reveal(), 'utf8');
  const capacity = Math.ceil((publicKey.asymmetricKeyDetails?.modulusLength ?? 0) / 8) - 11;
  if (bytes.length > capacity) {
    throw new RangeError(`the public key can encrypt at most ${capacity} bytes and the API key is longer`);
  }
  return secret(publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, bytes).toString('base64'));
}
