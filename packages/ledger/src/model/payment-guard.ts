import type { EntryState } from './entry-state.js';
import type { LedgerResolution } from './ledger-entry.js';

/**
 * Entry states that say the payment is, or may be, reversed by that entry: a second entry for the
 * same payment (another reference) is refused while one of them stands, unless the caller asks for
 * a further partial reversal (`additional: true`). A `resolved` entry blocks when the person
 * established that the payment was reversed.
 */
export const PAYMENT_BLOCKING_STATES: readonly EntryState[] = Object.freeze([
  'sending',
  'pending',
  'unknown',
  'needs-attention',
  'succeeded',
  'double-reversed',
]);

const BLOCKING: ReadonlySet<EntryState> = new Set(PAYMENT_BLOCKING_STATES);

/** True when an entry (or a tombstone) in `state` keeps its payment from another entry. */
export function blocksPayment(state: EntryState, resolutionOutcome?: LedgerResolution['outcome']): boolean {
  return BLOCKING.has(state) || (state === 'resolved' && resolutionOutcome === 'reversed');
}
