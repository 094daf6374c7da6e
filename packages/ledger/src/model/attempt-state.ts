import type { ReversalResult } from '@reversal/core';

/**
 * Where one attempt (one request to the provider, under its own provider-level reference) stands.
 *
 * - `sending` – recorded before sending; the request may or may not have reached the provider.
 * - `pending` – the provider acknowledged it; the outcome arrives by callback or status check.
 * - `unknown` – it may have been processed (timeout, connection lost after writing).
 * - `duplicate` – the provider says it has seen this request already (`DUPLICATE_REQUEST`).
 * - `already-reversed` – the provider says the payment was reversed before (`ALREADY_REVERSED`).
 * - `needs-attention` – a status check could not settle a duplicate or already-reversed answer.
 * - `succeeded` – the provider confirmed the reversal. Never replaced.
 * - `failed` – the provider refused it for good (the attempt did nothing).
 * - `refused-retryable` – the provider refused it for now (rate limit, funds); it did nothing.
 * - `not-sent` – `reverse()` rejected before sending (validation, configuration, abort): as far as
 *   the ledger can tell, the request never left. A provider answer that it succeeded still moves it
 *   to `succeeded` (the money moved; two such attempts are a double reversal).
 */
export type AttemptState =
  | 'sending'
  | 'pending'
  | 'unknown'
  | 'duplicate'
  | 'already-reversed'
  | 'needs-attention'
  | 'succeeded'
  | 'failed'
  | 'refused-retryable'
  | 'not-sent';

/**
 * A provider answer (or the lack of one) as the ledger reads it, whatever its source (the
 * `reverse()` answer, a callback or a status check); see {@link classifyAnswer}.
 */
export type AttemptEvent =
  | 'acknowledged'
  | 'settled'
  | 'refused'
  | 'refused-retryable'
  | 'maybe-processed'
  | 'duplicate'
  | 'already-reversed'
  | 'not-sent';

/** Every attempt state, in the order of the README's table. */
export const ATTEMPT_STATES: readonly AttemptState[] = Object.freeze([
  'sending',
  'pending',
  'unknown',
  'duplicate',
  'already-reversed',
  'needs-attention',
  'succeeded',
  'failed',
  'refused-retryable',
  'not-sent',
]);

/** Every attempt event, in the order of the README's table. */
export const ATTEMPT_EVENTS: readonly AttemptEvent[] = Object.freeze([
  'acknowledged',
  'settled',
  'refused',
  'refused-retryable',
  'maybe-processed',
  'duplicate',
  'already-reversed',
  'not-sent',
]);

type Row = Readonly<Partial<Record<AttemptEvent, AttemptState>>>;

// Answers that may come back about a request in doubt: the first answer, a callback, a status check.
const IN_DOUBT: Row = {
  acknowledged: 'pending',
  settled: 'succeeded',
  refused: 'failed',
  'refused-retryable': 'refused-retryable',
  'maybe-processed': 'unknown',
  duplicate: 'duplicate',
  'already-reversed': 'already-reversed',
};

// A refusal, or a request that never left, proves the attempt did nothing, unless the provider
// later reports it succeeded: that is evidence the money moved and is never dropped (two such
// attempts are a double reversal).
const DID_NOTHING: Row = { settled: 'succeeded' };

/**
 * The transition table of an attempt: `ATTEMPT_TRANSITIONS[state][event]` is the next state. An
 * event absent from a row leaves the attempt as it is (the answer is kept as evidence only).
 */
export const ATTEMPT_TRANSITIONS: Readonly<Record<AttemptState, Readonly<Partial<Record<AttemptEvent, AttemptState>>>>> = Object.freeze({
  sending: { ...IN_DOUBT, 'not-sent': 'not-sent' },
  pending: IN_DOUBT,
  unknown: IN_DOUBT,
  // The provider has seen this request before: only its own outcome (a status check) settles it.
  duplicate: {
    acknowledged: 'pending',
    settled: 'succeeded',
    refused: 'failed',
    'refused-retryable': 'refused-retryable',
    'already-reversed': 'already-reversed',
  },
  // The payment is reversed, by this entry or by someone else: only a success settles it; any
  // other definite answer leaves it for a person, never as "not reversed".
  'already-reversed': {
    settled: 'succeeded',
    refused: 'needs-attention',
    'refused-retryable': 'needs-attention',
    duplicate: 'needs-attention',
    'already-reversed': 'needs-attention',
  },
  'needs-attention': { settled: 'succeeded' },
  succeeded: {},
  failed: DID_NOTHING,
  'refused-retryable': DID_NOTHING,
  'not-sent': DID_NOTHING,
});

/** The attempt states that will not change any more except to `succeeded` (see the table). */
export const FINAL_ATTEMPT_STATES: ReadonlySet<AttemptState> = new Set(['succeeded', 'failed', 'refused-retryable', 'not-sent']);

/** The attempt states that prove the attempt did nothing: a new attempt is safe after them. */
export const DID_NOTHING_STATES: ReadonlySet<AttemptState> = new Set(['failed', 'refused-retryable', 'not-sent']);

/** The state after `event`, or `undefined` when the table leaves the attempt as it is. */
export function nextAttemptState(state: AttemptState, event: AttemptEvent): AttemptState | undefined {
  return ATTEMPT_TRANSITIONS[state][event];
}

/**
 * Reads a provider answer as an {@link AttemptEvent}. `ALREADY_REVERSED` and `DUPLICATE_REQUEST`
 * are read from `error.code` whatever the status, so neither can ever settle an entry as "not
 * reversed".
 */
export function classifyAnswer(result: ReversalResult): AttemptEvent {
  if (result.status === 'succeeded') return 'settled';
  if (result.status === 'pending') return 'acknowledged';
  if (result.error.code === 'ALREADY_REVERSED') return 'already-reversed';
  if (result.error.code === 'DUPLICATE_REQUEST') return 'duplicate';
  if (result.status === 'unknown') return 'maybe-processed';
  return result.error.retryable ? 'refused-retryable' : 'refused';
}
