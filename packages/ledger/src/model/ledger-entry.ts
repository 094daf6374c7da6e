import type { ResultErrorCode, ReversalResult, ReversalStatus } from '@reversal/core';
import type { AttemptState } from './attempt-state.js';
import type { EntryState } from './entry-state.js';

/** Where an answer about an attempt came from. */
export type AnswerSource = 'reverse' | 'callback' | 'status' | 'ledger';

/** One answer recorded about an attempt: the evidence a person reads on a `needs-attention` entry. */
export interface AttemptAnswer {
  /** Where it came from (`ledger`: the ledger's own record, e.g. an error thrown before sending). */
  readonly source: AnswerSource;
  /** The status the answer carried. */
  readonly status: ReversalStatus | 'not-sent';
  /** The normalised code of a `failed` or `unknown` answer. */
  readonly code?: ResultErrorCode;
  /** The provider's own code, as it sent it. */
  readonly providerCode?: string;
  /** The answer's explanation (never a credential). */
  readonly message?: string;
  /** When the ledger recorded it. */
  readonly at: Date;
}

/** One request to the provider on behalf of an entry. */
export interface LedgerAttempt {
  /** 1 for the first attempt, then 2, 3… */
  readonly number: number;
  /**
   * The reference the provider saw for this attempt (generated, 20 letters and digits, recorded
   * before sending); results carry it as their `reference`.
   */
  readonly providerReference: string;
  /** Where the attempt stands. */
  readonly state: AttemptState;
  /** The provider's conversation id, once an answer carried one. */
  readonly conversationId?: string;
  /** The id the provider knows the request by (`ReversalResult.providerRequestId`), once known. */
  readonly providerRequestId?: string;
  /** The answer that set the current state (`succeeded` is never replaced). */
  readonly result?: ReversalResult;
  /** Every answer recorded, oldest first: the first one and the latest ones (bounded). */
  readonly answers: readonly AttemptAnswer[];
  /** When the attempt was recorded (before sending). */
  readonly createdAt: Date;
  /** When the attempt last changed. */
  readonly updatedAt: Date;
}

/** The payment an entry reverses, as first requested (canonical amount). */
export interface LedgerRequestRecord {
  /** The receipt of the payment to reverse. */
  readonly transactionId: string;
  /** The canonical amount (`"200.00"`), absent for a full reversal. */
  readonly amount?: string;
  /** The reason shown to the provider. */
  readonly reason?: string;
}

/** How a person settled an entry in doubt (see `Ledger.resolve`). */
export interface LedgerResolution {
  /** What the person established: the payment was reversed, or it was not. */
  readonly outcome: 'reversed' | 'not-reversed';
  /** Why, and on what evidence (a provider statement, a call with support). */
  readonly note: string;
  /** Who established it, when they said. */
  readonly by?: string;
  /** When it was recorded. */
  readonly at: Date;
}

/**
 * How far an entry's outcome was handed to the application (a callback handler's `onResult`, or
 * the ledger's `onOutcome`), so that it is handed over once across every instance: per outcome,
 * an outcome being the entry's state after its `attempts`-th attempt (a retry opens a new one, and
 * so does a later change of state, such as `needs-attention` settled as `succeeded`).
 */
export interface OutcomeDelivery {
  /** How many attempts the entry had when the outcome was claimed. */
  readonly attempts: number;
  /** The entry state handed over (absent in records written before it was kept). */
  readonly outcome?: EntryState;
  /**
   * `due`: to hand to `onOutcome` (the reconciler picks it up if nothing else does); `in-progress`:
   * being handed over under `token` until `leaseEndsAt`; `done`: handed over.
   */
  readonly state: 'due' | 'in-progress' | 'done';
  readonly token?: string;
  readonly leaseEndsAt?: Date;
}

/**
 * The reconciler's status checks of an entry in doubt: how many it made and when it makes the next
 * one (the backoff schedule, `STATUS_CHECK_BACKOFF_MS`). Dropped when the entry is settled, so that
 * a retry starts afresh.
 */
export interface EntryStatusChecks {
  /** Status checks made since the entry went in doubt (answered or failed). */
  readonly count: number;
  /** When the latest was made. */
  readonly lastAt: Date;
  /** When the reconciler asks again; it does not before. */
  readonly nextAt: Date;
}

/**
 * Why the reconciler gave up settling an entry and handed it to a person: after `maxChecks` status
 * checks (`checks`) or `maxAgeMs` in doubt (`age`), or `age` for a provider without a status check.
 * While its attempts are in doubt the entry is `needs-attention`; a later success still makes it
 * `succeeded`, a later refusal of every attempt `failed` or `retryable`.
 */
export interface EntryEscalation {
  /** When the entry was escalated. */
  readonly at: Date;
  /** What was exhausted: the number of status checks, or the time in doubt. */
  readonly reason: 'checks' | 'age';
  /** How many status checks had been made. */
  readonly checks: number;
}

/** An entry as stores keep it: one per (provider, caller reference). */
export interface LedgerEntryRecord {
  /** The provider id. */
  readonly provider: string;
  /** The caller's reference: the idempotency key. */
  readonly reference: string;
  /** The payment and amount this reference reverses. */
  readonly request: LedgerRequestRecord;
  /** True when the provider can answer status checks (decides `unknown` vs `needs-attention`). */
  readonly statusCheck: boolean;
  /** The state derived from the attempts by `deriveEntryState`, stored for queries and retention. */
  readonly state: EntryState;
  /** The attempts, in order. */
  readonly attempts: readonly LedgerAttempt[];
  /** Set when a person settled the entry. */
  readonly resolution?: LedgerResolution;
  /** How far its outcome was handed to the application (`onResult`, `onOutcome`); absent before. */
  readonly outcomeDelivery?: OutcomeDelivery;
  /** The reconciler's status checks while the entry is in doubt; absent before the first. */
  readonly statusChecks?: EntryStatusChecks;
  /** Set when the reconciler handed the entry to a person (`needs-attention`); see {@link EntryEscalation}. */
  readonly escalation?: EntryEscalation;
  /** When the entry was recorded. */
  readonly createdAt: Date;
  /** When the entry or one of its attempts last changed. */
  readonly updatedAt: Date;
}

/** An entry as the ledger returns it: the record with the result that decides its state. */
export interface LedgerEntry extends LedgerEntryRecord {
  /**
   * The entry's outcome as one result, never weaker than its state (see `entryResult`): the
   * succeeded attempt's when there is one; `unknown` while in doubt, even when the latest answer
   * was a refusal; what a person established for `resolved`. Its `reference` is the attempt's
   * `providerReference`.
   */
  readonly result?: ReversalResult;
  /** True when two attempts both succeeded: the payment was reversed twice. Read it loudly. */
  readonly doubleReversal: boolean;
}
