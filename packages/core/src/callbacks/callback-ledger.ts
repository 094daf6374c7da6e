import type { ReversalResult } from '../reversal-result.js';
import type { CallbackDeduplicator } from './callback-deduplicator.js';

/**
 * What {@link CallbackLedger.receive} made of a result:
 *
 * - `recorded` – recorded to its attempt; the reversal has no outcome to hand over yet (or it was
 *   handed over already). The provider is acknowledged; `onResult` is not called.
 * - `outcome` – recorded, and the reversal has an outcome: `onResult` receives `result` once per
 *   `key`, across every instance sharing the ledger (claimed through `outcomeClaims`).
 * - `not-ours` – no attempt of the ledger carries this result's reference (a reversal sent without
 *   the ledger): the handler treats it as it would without a ledger.
 */
export type LedgerReceipt =
  | { readonly kind: 'recorded' }
  | { readonly kind: 'outcome'; readonly key: string; readonly result: ReversalResult }
  | { readonly kind: 'not-ours' };

/**
 * A durable record of reversals that `createCallbackHandler({ ledger })` hands every received
 * result to, in place of its own result store and deduplicator. `@reversal/ledger`'s ledger is one.
 * The handler records first, then calls `onResult` once per outcome the ledger reports, and
 * answers the provider 500 (so that it delivers again) when recording or `onResult` failed.
 */
export interface CallbackLedger {
  /** Records `result` to the attempt it belongs to, durably, and says what to hand to `onResult`. */
  receive(result: ReversalResult): Promise<LedgerReceipt>;
  /** Remembers which outcomes were handed to `onResult`, for every instance sharing the ledger. */
  readonly outcomeClaims: CallbackDeduplicator;
}
