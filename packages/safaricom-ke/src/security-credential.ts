import forge from 'node-forge';

/** A certificate as downloaded from the Daraja portal: PEM text, DER bytes, or DER in base64. */
export type CertificateInput = string | Uint8Array;

/**
 * Reads the RSA public key of an M-Pesa certificate. Accepts PEM (`BEGIN CERTIFICATE`, or a bare
 * `BEGIN PUBLIC KEY`), DER bytes, and base64 DER without headers; PEM read from an environment
 * variable may carry literal `\n` sequences. Expired certificates are accepted on purpose: M-Pesa
 * only uses the key, and the certificates every SDK ships expired years ago (NOTES.md).
 *
 * Throws an `Error` saying what is wrong (never echoing the input) when nothing parses.
 */
export function readCertificateKey(certificate: CertificateInput): forge.pki.rsa.PublicKey {
  let key: forge.pki.PublicKey;
  try {
    if (typeof certificate !== 'string') {
      key = fromDer(forge.util.binary.raw.encode(certificate));
    } else {
      const text = certificate.replace(/\\n/g, '\n').trim();
      if (text.includes('-----BEGIN PUBLIC KEY-----')) key = forge.pki.publicKeyFromPem(text);
      else if (text.includes('-----BEGIN CERTIFICATE-----')) key = forge.pki.certificateFromPem(text).publicKey;
      else if (/^[A-Za-z0-9+/=\s]+$/.test(text)) key = fromDer(forge.util.decode64(text.replace(/\s/g, '')));
      else throw new Error('not PEM');
    }
  } catch {
    throw new Error(
      'is not a certificate that can be read: give the PEM text (-----BEGIN CERTIFICATE-----), the DER bytes, or base64 DER, as downloaded from the Daraja portal',
    );
  }
  if (!('n' in key) || !('encrypt' in key)) throw new Error('does not carry an RSA public key');
  return key as forge.pki.rsa.PublicKey;
}

function fromDer(der: string): forge.pki.PublicKey {
  const asn1 = forge.asn1.fromDer(der);
  try {
    return forge.pki.certificateFromAsn1(asn1).publicKey;
  } catch {
    return forge.pki.publicKeyFromAsn1(asn1);
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
  return forge.util.encode64(key.encrypt(forge.util.encodeUtf8(password), 'RSAES-PKCS1-V1_5'));
}
