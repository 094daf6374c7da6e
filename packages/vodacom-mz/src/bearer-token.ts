import { type Secret, secret } from '@reversal/core/kit';
import forge from 'node-forge';

/**
 * The `Authorization: Bearer …` token of the Vodacom Mozambique API: base64( RSA-PKCS#1 v1.5(
 * apiKey, Vodacom's public key ) ). There is no session step; the token is computed once per
 * provider instance. PKCS#1 v1.5 padding is random, so two computations differ and both are valid.
 * A 4096-bit key gives a 684-character token.
 *
 * Throws a `RangeError` when the key is too small to encrypt the API key (at most its size in bytes
 * minus 11).
 */
export function computeBearerToken(apiKey: Secret, publicKey: forge.pki.rsa.PublicKey): Secret {
  const bytes = forge.util.encodeUtf8(apiKey.reveal());
  const capacity = Math.ceil(publicKey.n.bitLength() / 8) - 11;
  if (bytes.length > capacity) {
    throw new RangeError(`the public key can encrypt at most ${capacity} bytes and the API key is longer`);
  }
  return secret(forge.util.encode64(publicKey.encrypt(bytes, 'RSAES-PKCS1-V1_5')));
}
