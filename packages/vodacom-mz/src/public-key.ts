import { createPublicKey, type KeyObject } from 'node:crypto';

/** What a `publicKey` option that is neither accepted form is told. */
export const PUBLIC_KEY_FORMS_MESSAGE =
  "must be Vodacom's RSA public key, either as base64 DER without headers, as the Vodacom developer portal shows it " +
  '(it starts with "MII"), or as PEM ("-----BEGIN PUBLIC KEY-----"); this value is neither';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const PEM = /^-----BEGIN ((?:RSA )?PUBLIC KEY)-----([^-]*)-----END \1-----$/;

/**
 * Reads Vodacom's public key in the forms it circulates in: base64 DER SubjectPublicKeyInfo
 * without headers (how Vodacom hands it out) or PEM (`PUBLIC KEY` or `RSA PUBLIC KEY`). Returns
 * `undefined` for anything else, never throws.
 *
 * Whitespace anywhere around or inside the base64 is ignored, so a PEM indented in YAML or a
 * template literal, base64 with line breaks, and a PEM stored in an environment variable with
 * literal `\n` sequences are all read (docs/providers/vodacom-mz.md, "Authentication").
 */
export function parsePublicKey(input: unknown): KeyObject | undefined {
  if (typeof input !== 'string') return undefined;
  const text = input.replace(/\\r/g, '').replace(/\\n/g, '\n').trim();
  // createPublicKey would derive the public half of a private key: refuse those outright.
  if (text.includes('PRIVATE KEY')) return undefined;
  const pem = PEM.exec(text);
  if (!pem && text.startsWith('-----')) return undefined;
  const base64 = (pem ? pem[2]! : text).replace(/\s+/g, '');
  if (!BASE64.test(base64) || base64.length % 4 !== 0) return undefined;
  try {
    const der = Buffer.from(base64, 'base64');
    return rsaKey(createPublicKey({ key: der, format: 'der', type: pem?.[1] === 'RSA PUBLIC KEY' ? 'pkcs1' : 'spki' }));
  } catch {
    return undefined;
  }
}

function rsaKey(key: KeyObject): KeyObject | undefined {
  return key.type === 'public' && key.asymmetricKeyType === 'rsa' ? key : undefined;
}
