import type { ValidationIssue } from '@reversal/core';
import type { ExitCodeName } from './exit-codes.js';

/**
 * An error the tool reports to its user and exits with: what is wrong (`message`, and `issues`
 * field by field) and what to do next (`hint`). Never carries a secret.
 */
export class CliError extends Error {
  /** Which exit code the tool ends with. */
  readonly exit: ExitCodeName;
  /** What to do next, e.g. "Run `reversal reverse --help` for the options." */
  readonly hint: string | undefined;
  /** The offending fields or variables, one line each. */
  readonly issues: readonly ValidationIssue[];
  /** More for `--json` readers, merged into the `error` document (e.g. the ledger entries concerned). */
  readonly data: Readonly<Record<string, unknown>> | undefined;

  constructor(
    exit: ExitCodeName,
    message: string,
    details: { hint?: string; issues?: readonly ValidationIssue[]; data?: Readonly<Record<string, unknown>> } = {},
  ) {
    super(message);
    this.name = 'CliError';
    this.exit = exit;
    this.hint = details.hint;
    this.issues = details.issues ?? [];
    this.data = details.data;
  }
}

/** A usage error of `command`, ending with how to get its help. */
export function usageError(command: string | undefined, message: string, issues?: readonly ValidationIssue[]): CliError {
  const help = command ? `reversal ${command} --help` : 'reversal --help';
  return new CliError('usage', message, { hint: `Run \`${help}\` for the options.`, ...(issues ? { issues } : {}) });
}
