import { createPublicKey, type KeyObject } from 'node:crypto';

/** What a `publicKey` option that is neither accepted form is told. */
export const PUBLIC_KEY_FORMS_MESSAGE =
  "must be Vodacom's RSA public key, either as base64 DER without headers, as the Vodacom developer portal shows it " +
  '(it starts with "MII"), or as PEM ("-----BEGIN PUBLIC KEY-----"); this value is neither';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Reads Vodacom's public key in either form it circulates in: base64 DER SubjectPublicKeyInfo
 * without headers (how Vodacom hands it out) or PEM (`PUBLIC KEY` or `RSA PUBLIC KEY`). Returns
 * `undefined` for anything else, never throws.
 *
 * Users often wrap the bare base64 key in PEM lines by hand, or store a PEM in an environment
 * variable with literal `\n` sequences (NOTES.md, "What users struggle with" 5): both are accepted,
 * and whitespace inside the base64 is ignored.
 */
export function parsePublicKey(input: unknown): KeyObject | undefined {
  if (typeof input !== 'string') return undefined;
  const text = input.replace(/\\n/g, '\n').trim();
  try {
    // createPublicKey would derive the public half of a private key: refuse those outright.
    if (text.includes('PRIVATE KEY')) return undefined;
    if (text.startsWith('-----BEGIN')) return rsaKey(createPublicKey(text));
    const compact = text.replace(/\s+/g, '');
    if (!BASE64.test(compact) || compact.length % 4 !== 0) return undefined;
    return rsaKey(createPublicKey({ key: Buffer.from(compact, 'base64'), format: 'der', type: 'spki' }));
  } catch {
    return undefined;
  }
}

function rsaKey(key: KeyObject): KeyObject | undefined {
  return key.type === 'public' && key.asymmetricKeyType === 'rsa' ? key : undefined;
}
