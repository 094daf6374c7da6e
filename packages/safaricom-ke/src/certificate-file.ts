import { readFileSync, statSync } from 'node:fs';
import { readCertificateKey, type CertificateInput } from './security-credential.js';

// A certificate is about 2 KB; anything this large is the wrong file, and is not read into memory.
const MAX_CERTIFICATE_BYTES = 256 * 1024;

/** A certificate file's content, or what is wrong with the file (never echoing the path or the content). */
export type CertificateFileRead = { readonly certificate: CertificateInput } | { readonly problem: string };

/**
 * Reads the certificate file that `certificateFile` (`MPESA_KE_CERTIFICATE_FILE`) names, once, when
 * the provider is configured: PEM or base64 DER come back as text, anything else as DER bytes. A
 * relative path is read from the working directory of the process. The certificate is checked, so a
 * wrong file is reported by the option that named it.
 */
export function readCertificateFile(path: string): CertificateFileRead {
  if (path.includes('-----BEGIN')) {
    return { problem: 'holds the certificate itself, where its file path is expected: give the text as certificate (MPESA_KE_CERTIFICATE)' };
  }
  let bytes: Buffer;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) return { problem: 'must name a file (it names a directory or a device)' };
    if (stats.size > MAX_CERTIFICATE_BYTES) return { problem: 'names a file too large to be a certificate (over 256 KiB)' };
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    return { problem: `cannot be read (${code}): give the path of the certificate file; a relative path is read from the working directory` };
  }
  const text = bytes.toString('latin1');
  const certificate = text.includes('-----BEGIN') || /^[A-Za-z0-9+/=\s]+$/.test(text) ? text : new Uint8Array(bytes);
  try {
    readCertificateKey(certificate);
  } catch (error) {
    return { problem: `names a file that ${(error as Error).message}` };
  }
  return { certificate };
}
