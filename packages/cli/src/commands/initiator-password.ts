import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Environment } from '@reversal/core';
import { usageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { readAllInput, readHiddenLine } from '../read-input.js';

/** The variable the password is read from, the same one the library's `fromEnv` reads. */
export const PASSWORD_VARIABLE = 'MPESA_KE_INITIATOR_PASSWORD';
const MAX_PASSWORD_FILE_BYTES = 64 * 1024;

/** The initiator password and where it came from (never the value, for messages). */
export interface InitiatorPassword {
  readonly password: string;
  readonly origin: 'file' | typeof PASSWORD_VARIABLE | 'stdin' | 'prompt';
}

/** Why `--password` is refused, and what to use instead. */
export const PASSWORD_ARGUMENT_REFUSED =
  '--password is refused: a password in the arguments is visible to every user of this machine while the ' +
  'command runs (ps, /proc/<pid>/cmdline) and stays in your shell history. Pipe it on stdin ' +
  `(printf '%s' "$PASSWORD" | reversal security-credential …), use --password-file <path>, or set ${PASSWORD_VARIABLE}.`;

/**
 * Reads the initiator password from, in order: `--password-file <path>`, the
 * `MPESA_KE_INITIATOR_PASSWORD` variable, or stdin (a prompt without echo on a terminal, else the
 * piped text). One trailing newline (from `echo` or an editor) is not part of the password.
 * Resolves with an empty password when there is none; never puts the value in a message.
 */
export async function readInitiatorPassword(
  passwordFile: string | undefined,
  io: CliIo,
  env: Environment,
  cwd: string,
): Promise<InitiatorPassword> {
  if (passwordFile !== undefined) {
    const path = resolve(cwd, passwordFile);
    const unreadable = (error: NodeJS.ErrnoException) => {
      throw usageError('security-credential', `Cannot read the password file ${path} (${error.code ?? 'unreadable'}).`);
    };
    const size = (await stat(path).catch(unreadable)).size;
    if (size > MAX_PASSWORD_FILE_BYTES) {
      throw usageError('security-credential', `The password file ${path} is larger than 64 KiB: it is not a password file.`);
    }
    return { password: withoutNewline((await readFile(path).catch(unreadable)).toString('utf8')), origin: 'file' };
  }
  const fromEnvironment = env[PASSWORD_VARIABLE];
  if (fromEnvironment) return { password: fromEnvironment, origin: PASSWORD_VARIABLE };
  const input = io.stdin;
  if (!input) return { password: '', origin: 'stdin' };
  if (input.isTTY) return { password: await readHiddenLine(input, io.stderr, 'Initiator password: '), origin: 'prompt' };
  return { password: withoutNewline(await readAllInput(input)), origin: 'stdin' };
}

function withoutNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}
