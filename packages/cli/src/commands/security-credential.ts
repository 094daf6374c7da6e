import { createSecurityCredential } from '@reversal/safaricom-ke';
import { usageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { type OptionTable, parseCommandArgs } from '../parse-command-args.js';
import { readAllInput, readHiddenLine } from '../read-input.js';
import { writeJson } from '../write-json.js';
import { chooseCertificate, describeCertificate, unreadableCertificate } from './certificate-source.js';
import { securityCredentialHelp } from './security-credential-help.js';

const OPTIONS = {
  environment: { type: 'string' },
  certificate: { type: 'string' },
  password: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies OptionTable;

/** `reversal security-credential`: encrypts an initiator password into a Daraja SecurityCredential. */
export async function securityCredentialCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseCommandArgs('security-credential', args, OPTIONS);
  if (values.help) {
    io.stdout.write(securityCredentialHelp());
    return 0;
  }
  const source = await chooseCertificate(
    { certificate: values.certificate as string | undefined, environment: values.environment as string | undefined },
    io.env ?? process.env,
    io.cwd ?? process.cwd(),
  );
  const password = (values.password as string | undefined) ?? (await readPassword(io));
  if (password === '') {
    throw usageError(
      'security-credential',
      'No password: pipe the initiator password on stdin (printf \'%s\' "$PASSWORD" | reversal security-credential …) or give --password.',
    );
  }

  let securityCredential: string;
  try {
    securityCredential = createSecurityCredential(password, source.certificate);
  } catch (error) {
    // The library's message describes the certificate only; it never includes the password.
    throw unreadableCertificate(source, error instanceof Error ? error.message : 'cannot be read');
  }
  if (values.password !== undefined) {
    io.stderr.write('Note: a password given as an argument can stay in your shell history; pipe it on stdin next time.\n');
  }
  const certificate = { source: source.origin, ...(source.path ? { path: source.path } : {}), ...describeCertificate(source.certificate) };
  if (values.json) {
    writeJson(io.stdout, { securityCredential, certificate });
    return 0;
  }
  io.stdout.write(`${securityCredential}\n`);
  const about = [certificate.subject, certificate.keyBits ? `${certificate.keyBits}-bit key` : undefined]
    .filter(Boolean)
    .join(', ');
  io.stderr.write(
    `SecurityCredential computed with the ${source.path ?? source.origin} certificate${about ? ` (${about})` : ''}.\n` +
      'Set it as MPESA_KE_SECURITY_CREDENTIAL; it is valid only with the environment of that certificate.\n',
  );
  return 0;
}

async function readPassword(io: CliIo): Promise<string> {
  const input = io.stdin;
  if (!input) return '';
  if (input.isTTY) return readHiddenLine(input, io.stderr, 'Initiator password: ');
  // Piped input: a trailing newline (echo, a file) is not part of the password.
  const text = await readAllInput(input);
  return text.replace(/\r?\n$/, '');
}
