import type { LedgerEntry } from '@reversal/ledger';
import { EXIT_CODES } from '../exit-codes.js';
import { resultExitCode } from '../result-exit-code.js';
import { resultOutcome } from '../result-outcome.js';

const PORTAL = 'look the transaction up in the provider portal (M-Pesa organisation portal)';

/** The exit code of a ledger entry: never 1 (not reversed) for a payment that is or may be reversed. */
export function entryExitCode(entry: LedgerEntry): number {
  switch (entry.state) {
    case 'succeeded':
      return EXIT_CODES.ok;
    case 'double-reversed':
      return EXIT_CODES.doubleReversed;
    case 'resolved':
      return entry.resolution?.outcome === 'reversed' ? EXIT_CODES.ok : EXIT_CODES.failed;
    case 'failed':
    case 'retryable':
      return EXIT_CODES.failed;
    case 'pending':
      return EXIT_CODES.pending;
    case 'needs-attention':
      return entry.result && resultOutcome(entry.result) === 'already-reversed' ? EXIT_CODES.alreadyReversed : EXIT_CODES.unknown;
    case 'sending':
    case 'unknown':
      return entry.result && resultOutcome(entry.result) === 'already-reversed' ? resultExitCode(entry.result) : EXIT_CODES.unknown;
  }
}

/** The rows the ledger adds to a result: where it is recorded, and each attempt. */
export function entryRows(entry: LedgerEntry, where: string): [string, string][] {
  return [
    ['Ledger', `${entry.state} — ${where}`],
    ...entry.attempts.map((attempt): [string, string] => [`Attempt ${attempt.number}`, `${attempt.state}, sent as ${attempt.providerReference}`]),
  ];
}

/**
 * What to do next about an entry, pointing at the ledger's record: `reversal status --reference`
 * reads it (and asks the provider when it can), `reversal reconcile` settles what is in doubt.
 * Never suggests sending again what may have been applied.
 */
export function entryNextStep(entry: LedgerEntry, options: { readonly repeated: boolean; readonly statusCheck: boolean; readonly ledgerArgs: string }): string {
  const read = `  reversal status --reference ${entry.reference}${options.ledgerArgs}`;
  const lead = options.repeated ? `The ledger already holds reference ${entry.reference}: nothing was sent. ` : '';
  const settle = options.statusCheck ? 'this asks the provider where it stands:' : 'this shows what the ledger knows:';
  switch (entry.state) {
    case 'succeeded':
      return `${lead}Done: the payment is reversed.`;
    case 'double-reversed':
      return `${lead}REVERSED TWICE: two attempts of this reference both succeeded. Recover the second reversal with the provider.`;
    case 'resolved':
      return `${lead}Settled by a person: ${entry.resolution?.outcome === 'reversed' ? 'reversed' : 'NOT reversed'} (${entry.resolution?.note ?? ''}).`;
    case 'failed':
    case 'retryable':
      return `${lead}Not reversed: every attempt was refused or never sent. Fix the cause above; a new attempt is the ledger's retry().`;
    case 'pending':
      return (
        `${lead}Accepted: the outcome comes to your result URL. Do NOT send it again — running this command again ` +
        `with this reference sends nothing and prints this record. Read where it stands (${settle}\n${read}\n` +
        'or let `reversal reconcile` ask the provider once its callback window has passed.'
      );
    case 'needs-attention':
      return `${lead}The payment may be reversed and no status check can settle it: do NOT send it again; ${PORTAL}. The record:\n${read}`;
    case 'sending':
    case 'unknown':
      return `${lead}The reversal may have been applied. Do NOT send it again; ${settle}\n${read}\nor settle everything in doubt with \`reversal reconcile${options.ledgerArgs}\`.`;
  }
}
