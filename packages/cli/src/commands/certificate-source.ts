import { X509Certificate, createPublicKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Environment } from '@reversal/core';
import { type CertificateInput, PRODUCTION_CERTIFICATE, SANDBOX_CERTIFICATE } from '@reversal/safaricom-ke';
import { type CliError, usageError } from '../cli-error.js';

/** The certificate a SecurityCredential is encrypted with, and where it came from. */
export interface CertificateSource {
  /** `sandbox`/`production` (bundled), `file` (`--certificate`), `MPESA_KE_CERTIFICATE` or `MPESA_KE_CERTIFICATE_FILE`. */
  readonly origin: 'sandbox' | 'production' | 'file' | 'MPESA_KE_CERTIFICATE' | 'MPESA_KE_CERTIFICATE_FILE';
  /** The file, for `file` and `MPESA_KE_CERTIFICATE_FILE`. */
  readonly path?: string;
  readonly certificate: CertificateInput;
}

/** What can be told about a certificate without trusting it: for checking it is the right one. */
export interface CertificateDescription {
  readonly subject?: string;
  readonly validTo?: string;
  readonly fingerprintSha256?: string;
  readonly keyBits?: number;
}

const BUNDLED = { sandbox: SANDBOX_CERTIFICATE, production: PRODUCTION_CERTIFICATE } as const;

/**
 * Picks the certificate: `--certificate <file>` (PEM, DER or base64 DER, as downloaded from the
 * Daraja portal), else `--environment` (the bundled one), else `MPESA_KE_CERTIFICATE` or
 * `MPESA_KE_CERTIFICATE_FILE`, else `MPESA_KE_ENVIRONMENT` (in any case). No silent default: encrypting with the wrong environment's certificate
 * is the classic cause of "The initiator information is invalid" (2001).
 */
export async function chooseCertificate(
  options: { certificate?: string; environment?: string },
  env: Environment,
  cwd: string,
): Promise<CertificateSource> {
  if (options.certificate !== undefined && options.environment !== undefined) {
    throw usageError('security-credential', 'Give either --certificate or --environment, not both.');
  }
  if (options.certificate !== undefined) return readCertificateFile('file', resolve(cwd, options.certificate));
  const fromVariable = env.MPESA_KE_CERTIFICATE || env.MPESA_KE_CERTIFICATE_FILE;
  const environment = (options.environment ?? (fromVariable ? undefined : env.MPESA_KE_ENVIRONMENT))?.trim().toLowerCase();
  if (environment === undefined && env.MPESA_KE_CERTIFICATE && env.MPESA_KE_CERTIFICATE_FILE) {
    throw usageError('security-credential', 'Set either MPESA_KE_CERTIFICATE or MPESA_KE_CERTIFICATE_FILE, not both.');
  }
  if (environment === undefined && env.MPESA_KE_CERTIFICATE) {
    return { origin: 'MPESA_KE_CERTIFICATE', certificate: env.MPESA_KE_CERTIFICATE };
  }
  if (environment === undefined && env.MPESA_KE_CERTIFICATE_FILE) {
    return readCertificateFile('MPESA_KE_CERTIFICATE_FILE', resolve(cwd, env.MPESA_KE_CERTIFICATE_FILE));
  }
  if (environment === 'sandbox' || environment === 'production') {
    return { origin: environment, certificate: BUNDLED[environment] };
  }
  if (environment !== undefined) {
    throw usageError('security-credential', `The environment must be "sandbox" or "production".`);
  }
  throw usageError(
    'security-credential',
    'Say which certificate to encrypt with: --environment sandbox|production (the bundled M-Pesa certificates) ' +
      'or --certificate <file> (as downloaded from the Daraja portal).',
  );
}

async function readCertificateFile(origin: 'file' | 'MPESA_KE_CERTIFICATE_FILE', path: string): Promise<CertificateSource> {
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw usageError('security-credential', `Cannot read the certificate file ${path} (${error.code ?? 'unreadable'}).`);
  });
  const text = bytes.toString('latin1');
  const isText = text.includes('-----BEGIN') || /^[A-Za-z0-9+/=\s]+$/.test(text);
  return { origin, path, certificate: isText ? text : new Uint8Array(bytes) };
}

/** Describes the certificate (subject, expiry, SHA-256 fingerprint, key size); never rejects it for its dates. */
export function describeCertificate(certificate: CertificateInput): CertificateDescription {
  const bytes = toBytes(certificate);
  try {
    const x509 = new X509Certificate(bytes);
    return {
      subject: x509.subject.replaceAll('\n', ', '),
      validTo: new Date(x509.validTo).toISOString(),
      fingerprintSha256: x509.fingerprint256,
      ...keyBits(() => x509.publicKey.asymmetricKeyDetails?.modulusLength),
    };
  } catch {
    // A bare public key (BEGIN PUBLIC KEY) is accepted by the library too: only its size is known.
    const key = () => (typeof bytes === 'string' ? createPublicKey(bytes) : createPublicKey({ key: bytes, format: 'der', type: 'spki' }));
    return keyBits(() => key().asymmetricKeyDetails?.modulusLength);
  }
}

function keyBits(read: () => number | undefined): { keyBits?: number } {
  try {
    const bits = read();
    return bits ? { keyBits: bits } : {};
  } catch {
    return {};
  }
}

function toBytes(certificate: CertificateInput): Buffer | string {
  if (typeof certificate !== 'string') return Buffer.from(certificate);
  const text = certificate.replace(/\\n/g, '\n').trim();
  return text.includes('-----BEGIN') ? text : Buffer.from(text.replace(/\s/g, ''), 'base64');
}

/** The error for a certificate the library could not read, naming where it came from. */
export function unreadableCertificate(source: CertificateSource, reason: string): CliError {
  const where =
    source.origin === 'file' || source.origin === 'MPESA_KE_CERTIFICATE_FILE'
      ? `The certificate file ${source.path}`
      : `The ${source.origin} certificate`;
  return usageError('security-credential', `${where} ${reason}.`);
}
