import { type ReversalRequest, ReversalValidationError } from '@reversal/core';
import { type LedgerEntry, LedgerError } from '@reversal/ledger';
import { CliError, usageError } from '../cli-error.js';
import { shellWord } from '../shell-word.js';

/** The request field each option fills, to name options (not fields) in validation errors. */
export const REQUEST_OPTIONS: Readonly<Record<keyof ReversalRequest | 'provider' | 'additional', string>> = {
  transactionId: '--transaction-id',
  amount: '--amount',
  reference: '--reference',
  reason: '--reason',
  provider: 'REVERSAL_PROVIDER',
  additional: '--additional',
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

/** What the messages of {@link runLedgerCall} point at: the ledger arguments of printed commands, partial reversals. */
export interface LedgerCallContext {
  readonly command: string;
  /** `--ledger`/`--dotenv` of printed commands (never a password). */
  readonly args: string;
  /** The provider reverses part of a payment: `--additional` is a way on. */
  readonly partialReversal: boolean;
}

/**
 * Runs a ledger call that may send (`reverse`, `retry`), turning what it throws into what the user
 * reads: before sending — a reference used for another payment, a payment another reference is
 * reversing, a pruned reference, an invalid request, Ctrl-C — and after (the answer could not be
 * recorded: the reversal may have been applied).
 */
export async function runLedgerCall(context: LedgerCallContext, call: () => Promise<LedgerEntry>): Promise<LedgerEntry> {
  const { command, args } = context;
  try {
    return await call();
  } catch (error) {
    if (LedgerError.isInstance(error, 'ERR_LEDGER_CONFLICT')) {
      throw new CliError('usage', `${error.message} Nothing was sent.`, { hint: 'Use a new --reference for another payment or amount.' });
    }
    if (LedgerError.isInstance(error, 'ERR_LEDGER_PAYMENT_IN_USE')) {
      const further = context.partialReversal ? '; for a further partial reversal of this payment, add --additional (with --amount)' : '';
      throw new CliError('usage', `${firstSentence(error.message)} Nothing was recorded or sent.`, {
        hint: `Look at that reversal first: reversal status --reference ${shellWord(error.reference ?? '')}${args}${further}.`,
        data: { reference: error.reference, state: error.state },
      });
    }
    if (LedgerError.isInstance(error, 'ERR_LEDGER_PRUNED')) {
      throw new CliError('usage', error.message, {
        hint: 'A reference names one reversal: give a new --reference for a new one.',
        data: { state: error.state },
      });
    }
    if (LedgerError.isInstance(error, 'ERR_LEDGER_STORE')) {
      throw new CliError('unknown', `${error.message}`, {
        hint:
          'The reversal may have been applied: do NOT send it again. ' +
          `Once the ledger is reachable, \`reversal reconcile${args}\` settles it.`,
      });
    }
    const known = requestUsageError(error, command);
    if (known) throw known;
    if (error instanceof Error && error.name === 'AbortError') {
      throw new CliError('interrupted', 'Interrupted before the request was sent: nothing was reversed.');
    }
    throw error;
  }
}

/** The ledger's message up to its first sentence's end, where it names the other reference and its state. */
function firstSentence(message: string): string {
  const end = message.indexOf('. ');
  return end === -1 ? message : message.slice(0, end + 1);
}
