import type { MachineDescription } from './lib/machine.js';
import type { CallbackRateRow, ClientName } from './protocol.js';
import type { ColdImportRow } from './sections/cold-import.js';
import type { FootprintRow } from './sections/footprint.js';
import type { BodyComparison } from './sections/request-bodies.js';
import type { ThroughputRow } from './sections/throughput.js';

/** How much work a run does. */
export interface BenchSettings {
  /** Reversals per client and concurrency. */
  readonly reversals: number;
  /** Interleaved batches those reversals are split into. */
  readonly rounds: number;
  readonly warmupReversals: number;
  readonly concurrencies: readonly number[];
  /** Fresh processes per cold-import variant. */
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
  readonly coldImport: ColdImportRow[];
  readonly footprint: FootprintRow[];
  /** Sections that failed, with the error. */
  readonly failures: Record<string, string>;
}
