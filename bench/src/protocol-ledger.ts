/** Messages between the orchestrator and the ledger process (`ledger-child.ts`). */
import type { MozambiqueTarget } from './protocol.js';

/** The ledger section's stores. */
export type LedgerStoreName = 'pglite' | 'postgres';

/** A command to the ledger process. */
export type LedgerCommand =
  | { readonly type: 'open'; readonly store: LedgerStoreName; readonly mz: MozambiqueTarget; readonly postgresUrl?: string; readonly poolSize: number }
  | { readonly type: 'run'; readonly reversals: number; readonly rounds: number; readonly concurrency: number; readonly warmup: number }
  | { readonly type: 'close' };

/** The store opened: how long it took (set-up, not measured), and its durability settings. */
export interface LedgerOpened {
  readonly openMs: number;
  readonly durability: string;
}

/** The same reversals with and without the ledger, at one concurrency, batches taking turns. */
export interface LedgerRun {
  readonly concurrency: number;
  /** Reversals per variant (without and with the ledger). */
  readonly reversals: number;
  readonly rounds: number;
  /** Median latency of one reversal straight through the adapter, ms. */
  readonly plainMedianMs: number;
  /** Median latency of one `ledger.reverse()` (recorded, sent, answer recorded), ms. */
  readonly ledgerMedianMs: number;
  /** Median over the rounds of (ledger median − adapter median) in back-to-back batches, ms. */
  readonly addedMs: number;
  /** Median over the rounds of the reversals per second. */
  readonly plainPerSecond: number;
  readonly ledgerPerSecond: number;
}
