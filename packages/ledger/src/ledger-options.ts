import type { ReversalProvider } from '@reversal/core';
import type { LedgerEvent } from './ledger-events.js';
import type { LedgerStore } from './store/ledger-store.js';

/** Options of `createLedger`: a store and one provider, or several. */
export interface LedgerOptions {
  /** Where entries are kept: `createMemoryLedgerStore()`, `createPgliteStore()` or `createPostgresStore()`. */
  readonly store: LedgerStore;
  /** The provider, when there is one. */
  readonly provider?: ReversalProvider;
  /** The providers, when there are several (requests then name theirs by `provider` id). */
  readonly providers?: readonly ReversalProvider[];
  /** How long final entries are kept, in milliseconds, before `prune()` deletes them. Default 30 days. */
  readonly retentionMs?: number;
  /** Called with every {@link LedgerEvent} (also published on the `reversal:ledger` channel). */
  readonly onEvent?: (event: LedgerEvent) => void;
  /**
   * How long the provider may take to deliver an acknowledged reversal's callback before the
   * reconciler checks its status, in milliseconds: one number, or one per provider id. Default
   * 15 minutes (`DEFAULT_CALLBACK_WINDOW_MS`): no provider documents how long it may take.
   */
  readonly callbackWindowMs?: number | Readonly<Record<string, number>>;
  /** At most this many `waitForOutcome` calls at once; more reject with a `RangeError`. Default 10,000. */
  readonly maxWaiters?: number;
  /** The clock, for tests. */
  readonly now?: () => Date;
}
