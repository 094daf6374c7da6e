import * as v from 'valibot';
import { readCertificateFile } from './certificate-file.js';
import { type CertificateInput, readCertificateKey } from './security-credential.js';

const certificateMessage = 'must be the M-Pesa certificate as PEM text or DER bytes (leave it out for the bundled one)';
const certificateFileMessage = 'must be the path of the M-Pesa certificate file, as downloaded from the Daraja portal';

/**
 * The `certificate` option: PEM text or DER bytes whose RSA key can be read, checked when the
 * provider is configured so that a wrong certificate is reported with every other issue.
 */
export function certificateOption() {
  return v.pipe(
    v.union([v.string(), v.instance(Uint8Array)], certificateMessage),
    v.rawCheck(({ dataset, addIssue }) => {
      const problem = dataset.typed ? certificateProblem(dataset.value) : undefined;
      if (problem) addIssue({ message: problem });
    }),
  );
}

/** The `certificateFile` option: a path, read once into the certificate it holds (checked as above). */
export function certificateFileOption() {
  return v.pipe(
    v.string(certificateFileMessage),
    v.nonEmpty(certificateFileMessage),
    v.rawTransform<string, CertificateInput>(({ dataset, addIssue, NEVER }) => {
      const read = readCertificateFile(dataset.value);
      if ('certificate' in read) return read.certificate;
      addIssue({ message: read.problem });
      return NEVER;
    }),
  );
}

/** The reason a certificate cannot be used (a file path given, unreadable, not RSA), or `undefined`. */
function certificateProblem(certificate: CertificateInput): string | undefined {
  try {
    readCertificateKey(certificate);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
