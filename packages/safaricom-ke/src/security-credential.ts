import { constants, createPublicKey, type KeyObject, publicEncrypt, X509Certificate } from 'node:crypto';
import { looksLikeFilePath, PATH_GIVEN_MESSAGE } from './certificate-path.js';

/** A certificate as downloaded from the Daraja portal: PEM text, DER bytes, or DER in base64. */
export type CertificateInput = string | Uint8Array;

/**
 * Reads the RSA public key of an M-Pesa certificate. Accepts PEM (`BEGIN CERTIFICATE`, or a bare
 * `BEGIN PUBLIC KEY`), DER bytes, and base64 DER without headers. Whitespace around the text and
 * inside the base64 is ignored, so PEM indented in YAML or a template literal is read, and so is
 * PEM read from an environment variable with literal `\n` sequences. Expired certificates are
 * accepted on purpose: M-Pesa only uses the key, and the certificates every SDK ships expired years
 * ago (docs/providers/safaricom-ke.md).
 *
 * Throws an `Error` saying what is wrong (never echoing the input) when nothing parses, and saying
 * so when the text is a file path rather than a certificate.
 */
export function readCertificateKey(certificate: CertificateInput): KeyObject {
  if (typeof certificate === 'string' && looksLikeFilePath(certificate)) throw new Error(PATH_GIVEN_MESSAGE);
  let key: KeyObject;
  try {
    if (typeof certificate !== 'string') {
      key = fromDer(Buffer.from(certificate));
    } else {
      const text = certificate.replace(/\\r/g, '').replace(/\\n/g, '\n').trim();
      if (text.includes('-----BEGIN PUBLIC KEY-----')) key = createPublicKey(canonicalPem(text, 'PUBLIC KEY'));
      else if (text.includes('-----BEGIN CERTIFICATE-----')) key = new X509Certificate(canonicalPem(text, 'CERTIFICATE')).publicKey;
      else if (/^[A-Za-z0-9+/=\s]+$/.test(text)) key = fromDer(Buffer.from(text.replace(/\s/g, ''), 'base64'));
      else throw new Error('not PEM');
    }
  } catch {
    throw new Error(
      'is not a certificate that can be read: give the PEM text (-----BEGIN CERTIFICATE-----), the DER bytes, or base64 DER, as downloaded from the Daraja portal',
    );
  }
  if (key.asymmetricKeyType !== 'rsa') throw new Error('does not carry an RSA public key');
  return key;
}

/**
 * The PEM block of `label` rewritten the way OpenSSL reads it: indentation, trailing spaces and
 * line lengths are a matter of where the text was pasted (YAML, a template literal), not of the key.
 */
function canonicalPem(text: string, label: string): string {
  const block = new RegExp(`-----BEGIN ${label}-----([^-]*)-----END ${label}-----`).exec(text);
  if (!block) throw new Error('not PEM');
  const lines = block[1]!.replace(/\s+/g, '').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function fromDer(der: Buffer): KeyObject {
  try {
    return new X509Certificate(der).publicKey;
  } catch {
    return createPublicKey({ key: der, format: 'der', type: 'spki' });
  }
}

/**
 * Computes Daraja's SecurityCredential: base64( RSA PKCS#1 v1.5 encryption of the initiator
 * password with the certificate's public key ). The raw password is encrypted, not a base64 form
 * of it (the Daraja FAQ's wording misleads). Padding is random, so two calls give different texts
 * and both are valid.
 *
 * @example
 * import { createSecurityCredential, SANDBOX_CERTIFICATE } from '@reversal/safaricom-ke';
 * const credential = createSecurityCredential(process.env.MPESA_KE_INITIATOR_PASSWORD!, SANDBOX_CERTIFICATE);
 */
export function createSecurityCredential(password: string, certificate: CertificateInput): string {
  const key = readCertificateKey(certificate);
  // node:crypto encrypts with PKCS#1 v1.5 on every Node version; only *decryption* with that
  // padding is refused since CVE-2023-46809, and a client never decrypts.
  return publicEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(password, 'utf8')).toString('base64');
}
