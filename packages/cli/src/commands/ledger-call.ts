import { type ReversalRequest, ReversalValidationError } from '@reversal/core';
import { type LedgerEntry, LedgerError } from '@reversal/ledger';
import { CliError, usageError } from '../cli-error.js';

/** The request field each option fills, to name options (not fields) in validation errors. */
export const REQUEST_OPTIONS: Readonly<Record<keyof ReversalRequest | 'provider', string>> = {
  transactionId: '--transaction-id',
  amount: '--amount',
  reference: '--reference',
  reason: '--reason',
  provider: 'REVERSAL_PROVIDER',
};

/** A validation error of the request as a usage error naming the options; `undefined` for anything else. */
export function requestUsageError(error: unknown, command = 'reverse'): CliError | undefined {
  if (!ReversalValidationError.isInstance(error)) return undefined;
  const issues = error.issues.map((issue) => ({
    field: REQUEST_OPTIONS[issue.field as keyof typeof REQUEST_OPTIONS] ?? issue.field,
    message: issue.message,
  }));
  return usageError(command, 'The reversal request is invalid; nothing was sent.', issues);
}

/**
 * Runs a ledger call that may send (`reverse`, `retry`), turning what it throws before sending
 * into what the user reads: a reference used for another payment, an invalid request, Ctrl-C.
 * The ledger's own refusals keep their message: it says why and what to do.
 */
export async function runLedgerCall(command: string, call: () => Promise<LedgerEntry>): Promise<LedgerEntry> {
  try {
    return await call();
  } catch (error) {
    if (LedgerError.isInstance(error, 'ERR_LEDGER_CONFLICT')) {
      throw new CliError('usage', `${error.message} Nothing was sent.`, { hint: 'Use a new --reference for another payment or amount.' });
    }
    const known = requestUsageError(error, command);
    if (known) throw known;
    if (error instanceof Error && error.name === 'AbortError') {
      throw new CliError('interrupted', 'Interrupted before the request was sent: nothing was reversed.');
    }
    throw error;
  }
}
