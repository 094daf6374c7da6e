import type { AttemptState } from './attempt-state.js';
import { DID_NOTHING_STATES } from './attempt-state.js';
import type { EntryEscalation, LedgerAttempt, LedgerResolution } from './ledger-entry.js';

/**
 * Where an entry stands, derived from its attempts by {@link deriveEntryState} (and nowhere else).
 *
 * - `sending` – an attempt is being sent (or its sender crashed before the answer).
 * - `pending` – the provider accepted an attempt; the outcome arrives later.
 * - `unknown` – the payment may be reversed; a status check will settle it. Do not send again.
 * - `needs-attention` – the payment may be reversed and no status check can settle it (or the
 *   reconciler gave up: see `escalation`): a person reads the attempts' answers and calls `resolve()`.
 * - `succeeded` – reversed, once. Final.
 * - `double-reversed` – two attempts both succeeded: the payment was reversed twice. Final, loud.
 * - `failed` – refused for good; every attempt did nothing. `retry()` is allowed (after a fix).
 * - `retryable` – refused for now or never sent; every attempt did nothing. `retry()` it.
 * - `resolved` – a person settled it (see `resolution`). Final.
 */
export type EntryState =
  | 'sending'
  | 'pending'
  | 'unknown'
  | 'needs-attention'
  | 'succeeded'
  | 'double-reversed'
  | 'failed'
  | 'retryable'
  | 'resolved';

/**
 * Entry states whose reconciler record (`statusChecks`, `escalation`) is kept: the entry may still
 * be asked about. Any other state settles it, and the record is dropped.
 */
export const IN_DOUBT_ENTRY_STATES: readonly EntryState[] = Object.freeze(['sending', 'pending', 'unknown', 'needs-attention']);

/** Every entry state, in the order of the README's table. */
export const ENTRY_STATES: readonly EntryState[] = Object.freeze([
  'sending',
  'pending',
  'unknown',
  'needs-attention',
  'succeeded',
  'double-reversed',
  'failed',
  'retryable',
  'resolved',
]);

/**
 * Entry states a store may delete once they reach the minimum age: nothing about them can still
 * change what the caller must do. Entries in doubt, and double reversals, are never deleted.
 */
export const DELETABLE_ENTRY_STATES: readonly EntryState[] = Object.freeze(['succeeded', 'failed', 'retryable', 'resolved']);

/**
 * Entry states that are an outcome to report: nothing more comes from the provider without an
 * action (a retry, a person's resolution). `waitForOutcome` resolves on them, and a callback
 * handler with the ledger hands them to `onResult`.
 */
export const OUTCOME_ENTRY_STATES: readonly EntryState[] = Object.freeze([
  'succeeded',
  'double-reversed',
  'failed',
  'retryable',
  'resolved',
  'needs-attention',
]);

const IN_DOUBT: ReadonlySet<AttemptState> = new Set(['unknown', 'duplicate', 'already-reversed']);

/** What {@link deriveEntryState} reads. */
export interface EntryStateInput {
  readonly attempts: readonly Pick<LedgerAttempt, 'state'>[];
  readonly statusCheck: boolean;
  readonly resolution?: LedgerResolution | undefined;
  readonly escalation?: EntryEscalation | undefined;
}

/**
 * The one place an entry's state is computed from its attempts. A success always wins (two are a
 * double reversal); a person's resolution comes next; then any doubt (`needs-attention` once the
 * reconciler escalated it); only when every attempt provably did nothing is the entry `failed` or
 * `retryable`.
 */
export function deriveEntryState(entry: EntryStateInput): EntryState {
  const states = entry.attempts.map((attempt) => attempt.state);
  const successes = states.filter((state) => state === 'succeeded').length;
  if (successes >= 2) return 'double-reversed';
  if (successes === 1) return 'succeeded';
  if (entry.resolution) return 'resolved';
  if (states.includes('needs-attention')) return 'needs-attention';
  if (entry.escalation && states.some((state) => !DID_NOTHING_STATES.has(state))) return 'needs-attention';
  if (states.some((state) => IN_DOUBT.has(state))) return entry.statusCheck ? 'unknown' : 'needs-attention';
  if (states.includes('sending')) return 'sending';
  if (states.includes('pending')) return 'pending';
  return states.at(-1) === 'failed' ? 'failed' : 'retryable';
}
