import type { LedgerEntry } from '@reversal/ledger';
import { shellWord } from '../shell-word.js';
import type { LedgerHint } from './describe-location.js';
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
  const { resolution } = entry;
  return [
    ['Ledger', `${entry.state} — ${where}`],
    ...entry.attempts.map((attempt): [string, string] => [
      `Attempt ${attempt.number}`,
      `${attempt.state}, sent as ${attempt.providerReference}`,
    ]),
    ...(resolution
      ? [
          ['Resolved', `${resolution.outcome} by ${resolution.by ?? 'someone'} at ${resolution.at.toISOString()}: ${resolution.note}`] as [
            string,
            string,
          ],
        ]
      : []),
  ];
}

/** What {@link entryNextStep} needs besides the entry. */
export interface NextStepContext {
  /** The reference was in the ledger already: nothing was sent. */
  readonly repeated: boolean;
  /** The provider has a status check (`reversal status --reference` asks it). */
  readonly statusCheck: boolean;
  /** Its status answers come by callback (Kenya): the status command to suggest waits for them. */
  readonly statusByCallback?: boolean;
  /** How printed commands name the ledger (`--ledger`/`--dotenv`), never with a password. */
  readonly ledger: LedgerHint;
}

/**
 * What to do next about an entry, pointing at the ledger's record: `reversal status --reference`
 * reads it (and asks the provider when it can), `reversal reconcile` settles what is in doubt,
 * `reversal retry` sends a new attempt of what provably did nothing, `reversal resolve` records
 * what a person found. Never suggests sending again what may have been applied.
 */
export function entryNextStep(entry: LedgerEntry, context: NextStepContext): string {
  const step = nextStep(entry, context);
  return context.ledger.note ? `${step}\n${context.ledger.note}` : step;
}

function nextStep(entry: LedgerEntry, context: NextStepContext): string {
  const args = context.ledger.args;
  const reference = shellWord(entry.reference);
  const wait = context.statusCheck && context.statusByCallback ? ' --wait' : '';
  const read = `  reversal status --reference ${reference}${args}${wait}`;
  const lead = context.repeated ? `The ledger already holds reference ${entry.reference}: nothing was sent. ` : '';
  const settle = context.statusCheck ? 'this asks the provider where it stands:' : 'this shows what the ledger knows:';
  const resolve = `  reversal resolve --reference ${reference} --outcome reversed|not-reversed --note '<what you found>'${args}`;
  switch (entry.state) {
    case 'succeeded':
      return `${lead}Done: the payment is reversed.`;
    case 'double-reversed':
      return `${lead}REVERSED TWICE: two attempts of this reference both succeeded. Recover the second reversal with the provider.`;
    case 'resolved': {
      const outcome = entry.resolution?.outcome === 'reversed' ? 'reversed' : 'NOT reversed';
      const by = entry.resolution?.by === undefined ? 'a person' : printable(entry.resolution.by);
      return `${lead}Settled by ${by}: ${outcome} (${printable(entry.resolution?.note ?? '')}).`;
    }
    case 'failed':
    case 'retryable':
      return (
        `${lead}Not reversed: every attempt was refused or never sent. Fix the cause above; then a new attempt, ` +
        `under the same reference, is:\n  reversal retry --reference ${reference}${args}`
      );
    case 'pending':
      return (
        `${lead}Accepted: the outcome comes to your result URL. Do NOT send it again — running this command again ` +
        `with this reference sends nothing and prints this record. Read where it stands (${settle}\n${read}\n` +
        'or let `reversal reconcile` ask the provider once its callback window has passed.'
      );
    case 'needs-attention':
      return (
        `${lead}The payment may be reversed and no status check can settle it: do NOT send it again; ${PORTAL}. ` +
        `Then record what you found:\n${resolve}`
      );
    case 'sending':
    case 'unknown':
      return (
        `${lead}The reversal may have been applied. Do NOT send it again; ${settle}\n${read}\n` +
        `or settle everything in doubt with \`reversal reconcile${args}${wait}\`. If the provider cannot tell, ` +
        `${PORTAL} and record what you found:\n${resolve}`
      );
  }
}

// Text a person typed (a resolution note) ends up on a terminal: no escape sequence may reach it.
const printable = (value: string): string => value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
