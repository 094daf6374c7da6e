import { ReversalConfigError, ReversalError } from '@reversal/core';
import { CliError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { EXIT_CODES } from './exit-codes.js';
import { writeJson } from './write-json.js';

/**
 * Turns any error a command threw into what the user sees and the exit code: a `CliError` as it
 * is, a `ReversalConfigError` as a configuration error naming each variable, anything else as an
 * internal error. With `--json`, one JSON document `{ "error": … }` on stdout; otherwise text on
 * stderr. Library errors never carry secrets, so their messages are shown as they are.
 */
export function reportError(error: unknown, io: CliIo, json: boolean): number {
  const problem = toCliError(error);
  const exitCode = EXIT_CODES[problem.exit];
  if (json) {
    writeJson(io.stdout, {
      error: {
        kind: problem.exit,
        exitCode,
        message: problem.message,
        ...(problem.issues.length > 0 ? { issues: problem.issues } : {}),
        ...(problem.hint ? { hint: problem.hint } : {}),
        ...problem.data,
      },
    });
    return exitCode;
  }
  const lines = [`Error: ${problem.message}`];
  for (const issue of problem.issues) lines.push(`  ${issue.field}: ${issue.message}`);
  if (problem.hint) lines.push(problem.hint);
  io.stderr.write(`${lines.join('\n')}\n`);
  return exitCode;
}

function toCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (ReversalConfigError.isInstance(error)) {
    return new CliError('configuration', 'The provider configuration is invalid; nothing was sent.', {
      issues: error.issues,
      hint: 'Set these environment variables (or put them in a file for --dotenv); `reversal reverse --help` lists them.',
    });
  }
  if (ReversalError.isInstance(error)) return new CliError('usage', error.message);
  const message = error instanceof Error ? error.message : String(error);
  return new CliError('internal', `Unexpected error: ${message}`, {
    hint: 'This is a bug in the reversal tool; please report it with the command you ran (without secrets).',
  });
}
