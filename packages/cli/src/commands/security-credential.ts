import { createSecurityCredential } from '@reversal/safaricom-ke';
import { usageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { type OptionTable, parseCommandArgs } from '../parse-command-args.js';
import { writeJson } from '../write-json.js';
import { chooseCertificate, describeCertificate, unreadableCertificate } from './certificate-source.js';
import { PASSWORD_ARGUMENT_REFUSED, PASSWORD_VARIABLE, readInitiatorPassword } from './initiator-password.js';
import { securityCredentialHelp } from './security-credential-help.js';

const OPTIONS = {
  environment: { type: 'string' },
  certificate: { type: 'string' },
  'password-file': { type: 'string' },
  // Accepted by the parser only to be refused with the reason (see PASSWORD_ARGUMENT_REFUSED).
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
  if (values.password !== undefined) throw usageError('security-credential', PASSWORD_ARGUMENT_REFUSED);
  const env = io.env ?? process.env;
  const cwd = io.cwd ?? process.cwd();
  const source = await chooseCertificate(
    { certificate: values.certificate as string | undefined, environment: values.environment as string | undefined },
    env,
    cwd,
  );
  const { password, origin } = await readInitiatorPassword(values['password-file'] as string | undefined, io, env, cwd);
  if (password === '') {
    throw usageError(
      'security-credential',
      `No password: pipe the initiator password on stdin (printf '%s' "$PASSWORD" | reversal security-credential …), ` +
        `give --password-file <path>, or set ${PASSWORD_VARIABLE}.`,
    );
  }

  let securityCredential: string;
  try {
    securityCredential = createSecurityCredential(password, source.certificate);
  } catch (error) {
    // The library's message describes the certificate only; it never includes the password.
    throw unreadableCertificate(source, error instanceof Error ? error.message : 'cannot be read');
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
    `SecurityCredential computed with the ${source.path ?? source.origin} certificate${about ? ` (${about})` : ''}, ` +
      `from the password ${PASSWORD_ORIGIN_TEXT[origin]}.\n` +
      'Set it as MPESA_KE_SECURITY_CREDENTIAL; it is valid only with the environment of that certificate.\n',
  );
  return 0;
}

const PASSWORD_ORIGIN_TEXT = {
  file: 'in --password-file',
  [PASSWORD_VARIABLE]: `in ${PASSWORD_VARIABLE}`,
  stdin: 'on stdin',
  prompt: 'typed at the prompt',
} as const;
