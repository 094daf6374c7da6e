import type { CallbackLedger, CallOptions, ReversalRequest, ReversalResult } from '@reversal/core';
import type { EntryState } from './model/entry-state.js';
import type { AnswerSource, LedgerEntry, LedgerResolution } from './model/ledger-entry.js';
import type { ReconcileOptions, ReconcileReport } from './reconcile.js';
import type { RunningReconciler, StartReconcilerOptions } from './start-reconciler.js';
import type { WaitForOutcomeOptions } from './wait-for-outcome.js';

/** A reversal request for the ledger: the reference is required (it is the idempotency key). */
export interface LedgerRequest extends ReversalRequest {
  /** Your idempotency key for this reversal: 1–20 letters and digits, required. */
  readonly reference: string;
  /** The provider id; required only when the ledger has several providers. */
  readonly provider?: string;
  /**
   * True for a further partial reversal of a payment that already has an entry (another reference):
   * without it, `reverse()` refuses a second entry for a payment that is or may be reversed
   * (`ERR_LEDGER_PAYMENT_IN_USE`). Only for providers that reverse part of a payment, with `amount`.
   */
  readonly additional?: boolean;
}

/** Which entry: the provider id is required only when the ledger has several providers. */
export interface EntryLookup {
  readonly provider?: string;
}

/** What a person established about an entry in doubt. */
export interface ResolveInput {
  readonly outcome: LedgerResolution['outcome'];
  /** Why, and on what evidence; 1–500 characters. */
  readonly note: string;
  /** Who established it (a name, an e-mail address); 1–100 characters. Recorded with the note. */
  readonly by?: string;
}

/** Which entries {@link Ledger.list} returns; every field narrows. */
export interface ListQuery {
  /** Entries of this provider id: any id stored, not only the ledger's own providers. */
  readonly provider?: string;
  /** Entries in one of these states (`['unknown', 'needs-attention']`: what is in doubt). */
  readonly states?: readonly EntryState[];
  /** Entries reversing this payment (its receipt). */
  readonly transactionId?: string;
  /** Entries unchanged since before this time. */
  readonly updatedBefore?: Date;
  /** At most this many, the longest unchanged first; default 100, at most 10,000. */
  readonly limit?: number;
}

/**
 * Every payment reversed exactly once: a durable record written before anything is sent, keyed by
 * your reference, with every attempt and every answer. Give it to `createCallbackHandler({ ledger })`
 * (it is a `CallbackLedger`) to record callbacks to their attempts.
 */
export interface Ledger extends CallbackLedger {
  /**
   * Validates the request with the provider's rules, records the entry and its first attempt,
   * then sends, then records the answer. With a reference seen before it sends nothing and returns
   * the entry as it stands; with a different payment or amount it throws `ERR_LEDGER_CONFLICT`; a
   * reference pruned for retention throws `ERR_LEDGER_PRUNED`. A payment that already has an entry
   * that is or may be reversed throws `ERR_LEDGER_PAYMENT_IN_USE` (unless `additional`). Rejects
   * like `provider.reverse()` when the request was not sent (the entry is then `retryable`), and
   * with `ERR_LEDGER_STORE` when the answer could not be recorded (the request may have been sent;
   * the attempt stays in doubt for the reconciler).
   *
   * The provider sees a reference derived from yours (`deriveProviderReference`): your reference
   * itself for the first attempt where the provider's format allows, so two ledgers, or a ledger
   * and a script, sending one reference meet the provider's own duplicate check.
   */
  reverse(request: LedgerRequest, options?: CallOptions): Promise<LedgerEntry>;
  /**
   * Sends a new attempt, only when every earlier attempt provably did nothing (never sent, or
   * refused); otherwise throws `ERR_LEDGER_NOT_RETRYABLE` saying why.
   */
  retry(reference: string, options?: CallOptions & EntryLookup): Promise<LedgerEntry>;
  /** The entry with its attempts, or `undefined`. */
  get(reference: string, options?: EntryLookup): Promise<LedgerEntry | undefined>;
  /** Entries matching `query` (every provider's, by default), the longest unchanged first. */
  list(query?: ListQuery): Promise<LedgerEntry[]>;
  /**
   * Attributes an answer (a callback or a status check result) to the attempt whose provider
   * reference it carries, and records it. Resolves with the entry, or `undefined` when no attempt
   * of this ledger has that reference.
   */
  record(result: ReversalResult, source: Exclude<AnswerSource, 'reverse' | 'ledger'>): Promise<LedgerEntry | undefined>;
  /** Lets a person settle an entry in doubt (`unknown` or `needs-attention`). */
  resolve(reference: string, input: ResolveInput & EntryLookup): Promise<LedgerEntry>;
  /**
   * Resolves with the entry once it reaches an outcome (`succeeded`, `double-reversed`, `failed`,
   * `retryable`, `resolved`, `needs-attention`), whichever instance records it (PostgreSQL:
   * LISTEN/NOTIFY; PGlite and memory: this process); at once when it already has one. When
   * `timeoutMs` (default 60,000) passes first, resolves with the entry as it stands (or `undefined`).
   * Rejects with `signal.reason` when aborted.
   */
  waitForOutcome(reference: string, options?: WaitForOutcomeOptions): Promise<LedgerEntry | undefined>;
  /**
   * Settles entries in doubt through the provider's status check: attempts being sent (the sender
   * stopped before the answer), pending past the provider's callback window, unknown, or answered
   * "duplicate"/"already reversed". Safe on every instance at once: each entry is claimed (a
   * lease) by one reconciler at a time. Entries of providers without a status check are reported
   * in `unsupported`, never guessed. Then prunes for retention.
   */
  reconcile(options?: ReconcileOptions): Promise<ReconcileReport>;
  /** Runs `reconcile` now and every `everyMs` (default 60,000); the timer does not keep the process alive. */
  startReconciler(options?: StartReconcilerOptions): RunningReconciler;
  /** Deletes final entries older than the retention; resolves with how many. */
  prune(options?: { readonly limit?: number }): Promise<number>;
}
