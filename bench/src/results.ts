import type { MachineDescription } from './lib/machine.js';
import type { CallbackRateRow, ClientName } from './protocol.js';
import type { ColdImportRow } from './sections/cold-import.js';
import type { FirstReversalRow } from './sections/first-reversal.js';
import type { FootprintRow } from './sections/footprint.js';
import type { LedgerRow } from './sections/ledger.js';
import type { BodyComparison } from './sections/request-bodies.js';
import type { ThroughputRow } from './sections/throughput.js';

/** How much work a run does. */
export interface BenchSettings {
  /** Reversals per client and concurrency. */
  readonly reversals: number;
  /** Interleaved rounds those reversals are split into (ratios are medians over the rounds). */
  readonly rounds: number;
  readonly warmupReversals: number;
  /** Untimed reversals of each fresh instance before its timed rounds. */
  readonly instanceWarmupReversals: number;
  readonly concurrencies: readonly number[];
  /** Fresh processes per cold-import variant and per time-to-first-reversal client. */
  readonly importRuns: number;
  /** How long each callback-parsing mode runs. */
  readonly callbackDurationMs: number;
  /** Concurrent first calls on a fresh Kenya client (OAuth single-flight). */
  readonly burst: number;
}

/** Everything one run measured; written as JSON to `bench/results/`. */
export interface BenchResults {
  readonly startedAt: string;
  readonly durationSeconds: number;
  readonly command: string;
  readonly machine: MachineDescription;
  readonly machineAfter: MachineDescription;
  /** The commit measured (`git log -1` of this checkout). */
  readonly checkout: string;
  /** The checkout whose adapters ran as `base-*` clients (`--baseline`), and its commit. */
  readonly baseline?: { readonly directory: string; readonly commit: string };
  readonly settings: BenchSettings;
  /** Whether undici was Node's global dispatcher in each client process (it must not be in the peers'). */
  readonly undiciGlobalDispatcher: Partial<Record<ClientName, boolean>>;
  /** Request bodies compared with the adapter's (the baseline must match it exactly). */
  readonly bodies: { ke: BodyComparison[]; mz: BodyComparison[] };
  readonly throughput: { ke: ThroughputRow[]; mz: ThroughputRow[] };
  /** OAuth requests for the concurrent first calls of a fresh Kenya client. */
  readonly firstCallBurst: Partial<Record<ClientName, number>>;
  readonly extras: Record<string, Record<string, number>>;
  readonly callbacks: CallbackRateRow[];
  /** Time to first reversal in a fresh process, per client. */
  readonly firstReversal: FirstReversalRow[];
  /** Adapters the bench depends on that have no bench client (no time to first reversal). */
  readonly firstReversalMissing: string[];
  readonly coldImport: ColdImportRow[];
  readonly footprint: FootprintRow[];
  /** The ledger section, per store (absent in runs made before it existed). */
  readonly ledger?: LedgerRow[];
  /** Sections that failed, with the error. */
  readonly failures: Record<string, string>;
}
