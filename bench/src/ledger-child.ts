/**
 * The ledger process: one store (PGlite in a fresh temporary directory, or PostgreSQL through a
 * `pg` pool), the Vodacom Mozambique adapter against the simulator of the server process, and
 * the same reversals sent through `ledger.reverse()` and straight through `provider.reverse()`,
 * in batches taking turns. Usage: `ledger-child.js` (commands from the orchestrator).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLedger, createPgliteStore, createPostgresStore, type Ledger, type LedgerStore } from '@reversal/ledger';
import { createVodacomMzProvider } from '@reversal/vodacom-mz';
import pg from 'pg';
import { serveParent } from './lib/serve-parent.js';
import { median } from './lib/stats.js';
import type { LedgerCommand, LedgerOpened, LedgerRun } from './protocol-ledger.js';

type Send = (index: number) => Promise<void>;

let provider: ReturnType<typeof createVodacomMzProvider> | undefined;
let store: LedgerStore | undefined;
let ledger: Ledger | undefined;
let pool: pg.Pool | undefined;
let directory: string | undefined;
// References are the ledger's idempotency keys: unique per run, so that a reused database never
// answers "seen before" (which would send nothing).
const runTag = `B${Date.now().toString(36).toUpperCase().slice(-6)}`;
let counter = 0;
// The simulator is scripted to accept every reversal (see server-child.ts): any well-formed id will do.
const transactionIdOf = (index: number) => `T${String(index).padStart(9, '0')}`;

function senders(): { plain: Send; ledgered: Send } {
  if (!provider || !ledger) throw new Error('open first');
  const direct = provider;
  const recorded = ledger;
  return {
    async plain() {
      const index = counter++;
      const result = await direct.reverse({ transactionId: transactionIdOf(index), amount: '10.00', reference: `P${runTag}${index}` });
      if (result.status !== 'succeeded') throw new Error(`expected succeeded, got ${result.status}`);
    },
    async ledgered() {
      const index = counter++;
      const entry = await recorded.reverse({ transactionId: transactionIdOf(index), amount: '10.00', reference: `L${runTag}${index}` });
      if (entry.state !== 'succeeded') throw new Error(`expected succeeded, got ${entry.state}`);
    },
  };
}

/** `count` reversals, `concurrency` at a time: the wall time, and each reversal's latency. */
async function batch(send: Send, count: number, concurrency: number): Promise<{ wallMs: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const started = performance.now();
      await send(index);
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { wallMs: performance.now() - started, latencies };
}

/** Rounds of one batch each, the two taking turns (A B, B A, …) so that the machine's load falls on both. */
async function run({ reversals, rounds, concurrency, warmup }: Extract<LedgerCommand, { type: 'run' }>): Promise<LedgerRun> {
  const { plain, ledgered } = senders();
  await batch(plain, warmup, concurrency);
  await batch(ledgered, warmup, concurrency);
  const perRound = Math.max(1, Math.floor(reversals / rounds));
  const plainRounds: { wallMs: number; latencies: number[] }[] = [];
  const ledgerRounds: { wallMs: number; latencies: number[] }[] = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ([plain, ledgered] as const) : ([ledgered, plain] as const);
    for (const send of order) (send === plain ? plainRounds : ledgerRounds).push(await batch(send, perRound, concurrency));
  }
  const rate = (batchResult: { wallMs: number }) => (perRound * 1000) / batchResult.wallMs;
  return {
    concurrency,
    reversals: perRound * rounds,
    rounds,
    plainMedianMs: median(plainRounds.flatMap((round) => round.latencies)),
    ledgerMedianMs: median(ledgerRounds.flatMap((round) => round.latencies)),
    addedMs: median(ledgerRounds.map((round, index) => median(round.latencies) - median(plainRounds[index]!.latencies))),
    plainPerSecond: median(plainRounds.map(rate)),
    ledgerPerSecond: median(ledgerRounds.map(rate)),
  };
}

async function open(command: Extract<LedgerCommand, { type: 'open' }>): Promise<LedgerOpened> {
  const { mz } = command;
  provider = createVodacomMzProvider({
    baseUrl: mz.baseUrl,
    reversalPort: mz.reversalPort,
    statusPort: mz.statusPort,
    apiKey: mz.apiKey,
    publicKey: mz.publicKey,
    serviceProviderCode: mz.serviceProviderCode,
    initiatorIdentifier: mz.initiatorIdentifier,
    securityCredential: mz.securityCredential,
  });
  const started = performance.now();
  let durability: string;
  if (command.store === 'pglite') {
    directory = mkdtempSync(join(tmpdir(), 'reversal-bench-ledger-'));
    store = await createPgliteStore({ directory });
    // fsync and synchronous_commit are on, but PGlite's Emscripten file system (NODEFS) has no
    // fsync: Postgres's fdatasync returns at once, so a commit reaches the OS, not the disk.
    durability = 'PGlite defaults (fsync on: a no-op in its Node file system)';
  } else {
    pool = new pg.Pool({ connectionString: command.postgresUrl, max: command.poolSize });
    store = await createPostgresStore({ pool });
    const setting = async (name: string) => (await pool!.query<{ setting: string }>('SELECT setting FROM pg_settings WHERE name = $1', [name])).rows[0]?.setting;
    durability = `fsync ${await setting('fsync')}, synchronous_commit ${await setting('synchronous_commit')}, pool of ${command.poolSize}`;
  }
  ledger = createLedger({ store, provider });
  return { openMs: performance.now() - started, durability };
}

serveParent(async (message) => {
  const command = message as unknown as LedgerCommand;
  switch (command.type) {
    case 'open':
      return open(command);
    case 'run':
      return run(command);
    case 'close':
      await store?.close();
      await pool?.end();
      await provider?.close?.();
      if (directory) rmSync(directory, { recursive: true, force: true });
      return null;
  }
});
