/**
 * The ledger section: added latency per reversal at concurrency 1 and recorded reversals per
 * second at concurrency 50, on PGlite (a fresh temporary directory) and PostgreSQL (a `pg` pool),
 * against the same reversals without a ledger, through the Vodacom Mozambique adapter.
 */
import type { Child } from '../lib/child.js';
import { round } from '../lib/stats.js';
import { markdownTable } from '../lib/table.js';
import type { ClientSetup } from '../protocol.js';
import type { LedgerOpened, LedgerRun, LedgerStoreName } from '../protocol-ledger.js';

/** One store's numbers (or why it was skipped). */
export interface LedgerRow {
  readonly store: LedgerStoreName;
  readonly skipped?: string;
  readonly opened?: LedgerOpened;
  readonly runs: LedgerRun[];
}

/** How much the section does. */
export interface LedgerSettings {
  readonly latencyReversals: number;
  readonly throughputReversals: number;
  readonly rounds: number;
  readonly warmup: number;
  readonly poolSize: number;
}

/** Targets of the acceptance: ms added at concurrency 1, reversals/s at concurrency 50. */
export const LEDGER_TARGETS = { addedMs: 2, perSecond: { pglite: 1_000, postgres: 2_000 } } as const;

/**
 * The PostgreSQL URL: `REVERSAL_BENCH_POSTGRES_URL`, else `REVERSAL_TEST_POSTGRES_URL` (set by
 * `scripts/with-postgres.sh`); `undefined` when neither is set.
 */
export function benchPostgresUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.REVERSAL_BENCH_POSTGRES_URL || env.REVERSAL_TEST_POSTGRES_URL || undefined;
}

/** Measures one store in its own process (`start` forks it); the server process runs the simulator. */
export async function measureLedgerStore(
  start: () => Child,
  store: LedgerStoreName,
  setup: ClientSetup,
  settings: LedgerSettings,
  postgresUrl: string | undefined,
  log: (text: string) => void,
): Promise<LedgerRow> {
  if (store === 'postgres' && postgresUrl === undefined) {
    const skipped = 'no PostgreSQL: set REVERSAL_BENCH_POSTGRES_URL, or run under scripts/with-postgres.sh';
    log(`ledger: PostgreSQL skipped (${skipped})`);
    return { store, skipped, runs: [] };
  }
  const child = start();
  try {
    const opened = await child.call<LedgerOpened>({ type: 'open', store, mz: setup.mz, postgresUrl, poolSize: settings.poolSize });
    log(`ledger: ${store} opened in ${Math.round(opened.openMs)} ms (${opened.durability})`);
    const runs: LedgerRun[] = [];
    for (const [concurrency, reversals] of [[1, settings.latencyReversals], [50, settings.throughputReversals]] as const) {
      log(`ledger: ${store}, ${reversals} reversals with and without the ledger at concurrency ${concurrency}`);
      runs.push(await child.call<LedgerRun>({ type: 'run', reversals, rounds: settings.rounds, concurrency, warmup: Math.min(reversals, settings.warmup) }));
    }
    await child.call({ type: 'close' });
    return { store, opened, runs };
  } finally {
    await child.stop();
  }
}

/** The section's table, with the targets. */
export function renderLedger(rows: readonly LedgerRow[]): string {
  const body: string[][] = [];
  for (const row of rows) {
    if (row.skipped) {
      body.push([row.store, 'skipped', row.skipped, '', '', '']);
      continue;
    }
    const [latency, throughput] = row.runs;
    const added = latency ? `${round(latency.addedMs, 2)} (${latency.addedMs <= LEDGER_TARGETS.addedMs ? 'met' : 'missed'})` : '';
    const target = LEDGER_TARGETS.perSecond[row.store];
    body.push([
      row.store,
      row.opened?.durability ?? '',
      latency ? `${round(latency.plainMedianMs, 2)} → ${round(latency.ledgerMedianMs, 2)}` : '',
      added,
      throughput ? `${Math.round(throughput.plainPerSecond)} → ${Math.round(throughput.ledgerPerSecond)}` : '',
      throughput ? `${throughput.ledgerPerSecond >= target ? 'met' : 'missed'} (≥ ${target})` : '',
    ]);
  }
  return markdownTable(
    ['store', 'durability', 'c=1 median ms, adapter → ledger', `ms added (≤ ${LEDGER_TARGETS.addedMs})`, 'c=50 reversals/s, adapter → ledger', 'target'],
    body,
  );
}
