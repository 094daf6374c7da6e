import type { ReversalProvider } from '@reversal/core';
import type { EscalationOptions } from './escalation-policy.js';
import type { LedgerEvent } from './ledger-events.js';
import type { LedgerEntry } from './model/ledger-entry.js';
import type { LedgerStore } from './store/ledger-store.js';

/** Options of `createLedger`: a store and one provider, or several. */
export interface LedgerOptions {
  /** Where entries are kept: `createMemoryLedgerStore()`, `createPgliteStore()` or `createPostgresStore()`. */
  readonly store: LedgerStore;
  /** The provider, when there is one. */
  readonly provider?: ReversalProvider;
  /** The providers, when there are several (requests then name theirs by `provider` id). */
  readonly providers?: readonly ReversalProvider[];
  /**
   * How long final entries are kept, in milliseconds, before `prune()` deletes them. Default 30
   * days. A pruned entry leaves a tombstone (provider, reference, payment, how it ended), so that a
   * reused reference is refused with what happened to it, and a reversed payment stays guarded.
   */
  readonly retentionMs?: number;
  /** How long tombstones of pruned entries are kept, in milliseconds. Default 400 days. */
  readonly tombstoneRetentionMs?: number;
  /** Called with every {@link LedgerEvent} (also published on the `reversal:ledger` channel). */
  readonly onEvent?: (event: LedgerEvent) => void;
  /**
   * How long the provider may take to deliver an acknowledged reversal's callback before the
   * reconciler checks its status, in milliseconds: one number, or one per provider id. Default
   * 15 minutes (`DEFAULT_CALLBACK_WINDOW_MS`): no provider documents how long it may take.
   */
  readonly callbackWindowMs?: number | Readonly<Record<string, number>>;
  /**
   * When the reconciler stops trying to settle an entry in doubt and hands it to a person (the
   * entry turns `needs-attention`, with a `needs-attention` event and `onOutcome`): after
   * `maxChecks` status checks that settled nothing (default 8, about a day on the backoff schedule)
   * or `maxAgeMs` in doubt (default 1 day; the only bound for a provider without a status check),
   * with overrides per provider id in `byProvider`. A later answer still settles the entry.
   */
  readonly escalation?: EscalationOptions;
  /**
   * Told of every entry's outcome once, across every instance sharing the store, whoever settled
   * it: `reverse()`, a callback, the reconciler, `resolve()`. An outcome is the entry's state when
   * it is one of `OUTCOME_ENTRY_STATES` (`succeeded`, `double-reversed`, `failed`, `retryable`,
   * `resolved`, `needs-attention`); a retry, or a later change of state (`needs-attention` settled
   * as `succeeded`), is a new outcome. The change that brings an outcome marks it due in the same
   * write, then hands it over; when `onOutcome` throws (or the process stops inside it), the
   * reconciler hands it over again on its next pass. With `onOutcome`, a callback handler given
   * this ledger calls its `onResult` only for results the ledger does not know.
   */
  readonly onOutcome?: (entry: LedgerEntry) => unknown;
  /** At most this many `waitForOutcome` calls at once; more reject with a `RangeError`. Default 10,000. */
  readonly maxWaiters?: number;
  /** The clock, for tests. */
  readonly now?: () => Date;
}
