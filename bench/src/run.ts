/**
 * `pnpm bench`: client overhead and throughput against raw undici and against peer SDKs, OAuth
 * calls, callback parsing rate, time to first reversal, cold import and footprint. Prints Markdown
 * tables and writes `bench/results/latest.json`. Options: `--reversals N` (per client and
 * concurrency, default 10,000), `--rounds N` (interleaved rounds, default 20, at least 5),
 * `--import-runs N` (fresh processes per variant, default 15), `--only
 * throughput,callbacks,first-reversal,cold-import,footprint,ledger`, `--quick` (1,000 reversals, 5
 * rounds, 5 fresh processes), `--countries ke,mz`, `--concurrencies 1,10,100`, `--baseline <checkout>` (also run the adapters of another checkout
 * of this repository, built, in the same run), `--profile <client|server|ledger>` (CPU profile of that
 * process into `bench/results/profiles/`), `--render <results.json>` (print the tables of an
 * earlier run), `--readme` (also write the summary into the root README's Performance section).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Child, startChild } from './lib/child.js';
import { findPackageDirectory } from './lib/import-package.js';
import { describeMachine } from './lib/machine.js';
import { createPrefixes } from './lib/stats.js';
import {
  ADAPTER_CLIENTS,
  BASELINE_CLIENTS,
  type CallbackRateRow,
  CLIENT_NAMES,
  type ClientName,
  type ClientSetup,
  clientModule,
} from './protocol.js';
import { benchAdapters, runColdImport } from './sections/cold-import.js';
import { type FirstReversalVariant, runFirstReversal } from './sections/first-reversal.js';
import { runFootprint } from './sections/footprint.js';
import { benchPostgresUrl, type LedgerSettings, measureLedgerStore } from './sections/ledger.js';
import type { BenchResults, BenchSettings } from './results.js';
import { compareBodies } from './sections/request-bodies.js';
import { renderReadmeSection, renderReport, writeReadmeSection } from './sections/report.js';
import { firstCallBurst, type Harness, runThroughput, type ThroughputOptions, warmUp } from './sections/throughput.js';

const dist = dirname(fileURLToPath(import.meta.url));
const benchDirectory = dirname(dist);
const root = dirname(benchDirectory);

const { values } = parseArgs({
  // `pnpm bench -- --quick` passes the `--` through.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    reversals: { type: 'string' },
    rounds: { type: 'string' },
    'import-runs': { type: 'string' },
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    out: { type: 'string' },
    profile: { type: 'string' },
    render: { type: 'string' },
    baseline: { type: 'string' },
    countries: { type: 'string' },
    concurrencies: { type: 'string' },
    readme: { type: 'boolean', default: false },
  },
});
const readmePath = join(root, 'README.md');
if (values.render) {
  // --render <results.json>: print the tables of an earlier run without running anything.
  const earlier = JSON.parse(readFileSync(values.render, 'utf8')) as BenchResults;
  process.stdout.write(`${renderReport(earlier)}\n`);
  if (values.readme) writeReadmeSection(readmePath, renderReadmeSection(earlier));
  process.exit(0);
}
const quick = values.quick === true;
const baselineRoot = values.baseline === undefined ? undefined : resolve(values.baseline);
const settings: BenchSettings = {
  reversals: Number(values.reversals ?? (quick ? 1_000 : 10_000)),
  rounds: Number(values.rounds ?? (quick ? 5 : 20)),
  warmupReversals: quick ? 500 : 2_000,
  instanceWarmupReversals: quick ? 100 : 500,
  concurrencies: (values.concurrencies ?? '1,10,100').split(',').map(Number),
  importRuns: Number(values['import-runs'] ?? (quick ? 5 : 15)),
  callbackDurationMs: quick ? 500 : 1_500,
  burst: 100,
};
if (!(settings.rounds >= 5)) throw new Error('--rounds must be at least 5: ratios are medians over the interleaved rounds');
const sections = new Set((values.only ?? 'throughput,callbacks,first-reversal,cold-import,footprint,ledger').split(','));
const log = (text: string) => process.stderr.write(`[bench] ${text}\n`);
// --countries mz: only the clients of those countries (e.g. while one adapter does not build).
const countries = new Set((values.countries ?? 'ke,mz').split(','));
const clientNames = CLIENT_NAMES.filter(
  (name) => (baselineRoot !== undefined || !BASELINE_CLIENTS.includes(name)) && countries.has(name.slice(-2)),
);
/** A client's checkout: the baseline's for a baseline client, none (the bench's own dependencies) otherwise. */
const clientRoot = (name: ClientName) => (BASELINE_CLIENTS.includes(name) ? baselineRoot : undefined);

/** The commit of a checkout, for the record (a checkout that is no git work tree says so). */
function describeCheckout(directory: string): string {
  try {
    return execFileSync('git', ['-C', directory, 'log', '-1', '--format=%h %s'], { encoding: 'utf8' }).trim();
  } catch {
    return 'not a git work tree';
  }
}

async function throughputSections(results: BenchResults): Promise<void> {
  log('starting the simulators');
  const profileFlags = ['--cpu-prof', `--cpu-prof-dir=${join(benchDirectory, 'results', 'profiles')}`];
  const server = startChild(join(dist, 'server-child.js'), [], values.profile === 'server' ? profileFlags : []);
  const setup = await server.call<ClientSetup>({ type: 'setup' });
  const children: Partial<Record<ClientName, Child>> = {};
  try {
    for (const name of clientNames) {
      // --profile <client>: a V8 CPU profile of that client's process, for `node --cpu-prof` analysis.
      const args = [clientModule(name), ...(clientRoot(name) ? [clientRoot(name)!] : [])];
      const child = startChild(join(dist, 'client-child.js'), args, values.profile === name ? profileFlags : []);
      children[name] = child;
      const { undiciIsGlobalDispatcher } = await child.call<{ undiciIsGlobalDispatcher: boolean }>({ type: 'init', setup });
      results.undiciGlobalDispatcher[name] = undiciIsGlobalDispatcher;
    }
    const harness: Harness = { server, children, nextPrefix: createPrefixes() };
    const countryClients: [ThroughputOptions['country'], ClientName[], ClientName[]][] = [
      ['ke', ['ours-ke', 'base-ke', 'raw-ke', 'mpesa-api-ke'], ['mpesa-api-ke']],
      ['mz', ['ours-mz', 'base-mz', 'raw-mz', 'paymentsds-mz'], []],
    ];
    for (const [country, listed, isolated] of countryClients) {
      const clients = listed.filter((name) => clientNames.includes(name));
      if (clients.length === 0) continue;
      const options: ThroughputOptions = { country, clients, isolated, ...settings };
      log(`${country}: warming up ${clients.join(', ')}`);
      await warmUp(harness, options);
      results.bodies[country] = await compareBodies(harness, country, clients);
      log(`${country}: ${settings.reversals} reversals per client at concurrency ${settings.concurrencies.join(', ')}`);
      results.throughput[country] = await runThroughput(harness, options);
    }
    for (const client of (['ours-ke', 'raw-ke', 'mpesa-api-ke'] as const).filter((name) => clientNames.includes(name))) {
      results.firstCallBurst[client] = await firstCallBurst(harness, client, settings.burst);
    }
    if (children['paymentsds-mz']) results.extras['paymentsds-mz'] = await children['paymentsds-mz'].call({ type: 'extra' });
    await server.call({ type: 'close' });
  } finally {
    await Promise.all(Object.values(children).map((child) => child.stop()));
    await server.stop();
  }
}

/** Fresh processes, each importing one client, configuring it and sending one reversal. */
async function firstReversalSection(results: BenchResults): Promise<void> {
  const variants: FirstReversalVariant[] = [];
  for (const adapter of benchAdapters(benchDirectory)) {
    const entry = ADAPTER_CLIENTS[adapter];
    if (!entry) {
      results.firstReversalMissing.push(adapter);
      continue;
    }
    variants.push({ client: entry.client, country: entry.country });
    if (baselineRoot !== undefined) variants.push({ client: entry.baseline, country: entry.country, root: baselineRoot });
  }
  variants.push(
    { client: 'raw-ke', country: 'ke' },
    { client: 'mpesa-api-ke', country: 'ke' },
    { client: 'raw-mz', country: 'mz' },
    { client: 'paymentsds-mz', country: 'mz' },
  );
  variants.splice(0, variants.length, ...variants.filter((variant) => countries.has(variant.country)));
  log(`time to first reversal, ${settings.importRuns} fresh processes per client`);
  const server = startChild(join(dist, 'server-child.js'));
  try {
    const setup = await server.call<ClientSetup>({ type: 'setup' });
    const entry = join(dist, 'first-reversal-child.js');
    results.firstReversal.push(...(await runFirstReversal(entry, server, setup, variants, settings.importRuns, createPrefixes())));
    await server.call({ type: 'close' });
  } finally {
    await server.stop();
  }
}

const commandArgs = process.argv.slice(2).filter((arg) => arg !== '--');
const startedAt = new Date();
const results: BenchResults = {
  startedAt: startedAt.toISOString(),
  durationSeconds: 0,
  command: `pnpm bench${commandArgs.length > 0 ? ` -- ${commandArgs.join(' ')}` : ''}`,
  machine: describeMachine(),
  machineAfter: describeMachine(),
  checkout: describeCheckout(root),
  ...(baselineRoot === undefined ? {} : { baseline: { directory: baselineRoot, commit: describeCheckout(baselineRoot) } }),
  settings,
  undiciGlobalDispatcher: {},
  bodies: { ke: [], mz: [] },
  throughput: { ke: [], mz: [] },
  firstCallBurst: {},
  extras: {},
  callbacks: [],
  firstReversal: [],
  firstReversalMissing: [],
  coldImport: [],
  footprint: [],
  ledger: [],
  failures: {},
};

/** Runs one section; a failure is recorded and reported, and the other sections still run. */
async function section(name: string, run: () => Promise<void> | void): Promise<void> {
  if (!sections.has(name)) return;
  try {
    await run();
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    results.failures[name] = message;
    log(`${name} failed: ${message}`);
  }
}

await section('throughput', () => throughputSections(results));
await section('callbacks', async () => {
  log('callback parsing');
  const child = startChild(join(dist, 'callback-child.js'), baselineRoot === undefined ? [] : [baselineRoot]);
  try {
    results.callbacks.push(...(await child.call<CallbackRateRow[]>({ type: 'run', durationMs: settings.callbackDurationMs })));
  } finally {
    await child.stop();
  }
});
await section('first-reversal', () => firstReversalSection(results));
await section('cold-import', () => {
  log(`cold import, ${settings.importRuns} fresh processes per variant`);
  results.coldImport.push(...runColdImport(benchDirectory, settings.importRuns, baselineRoot));
});
await section('footprint', () => {
  log('footprint (pnpm pack)');
  const packages = ['@reversal/core', ...benchAdapters(benchDirectory)].map((name) => findPackageDirectory(root, name));
  results.footprint.push(...runFootprint(packages, ['undici', 'mpesa-api', '@paymentsds/mpesa'], benchDirectory));
});
await section('ledger', async () => {
  // Durability on: PGlite's defaults, and PostgreSQL's (`synchronous_commit=on`).
  const ledgerSettings: LedgerSettings = {
    latencyReversals: quick ? 500 : 2_000,
    throughputReversals: quick ? 2_000 : 10_000,
    rounds: settings.rounds,
    warmup: 200,
    // One connection per concurrent reversal at concurrency 50 (pg's default pool of 10 measured 423/s against 544/s).
    poolSize: 50,
  };
  log('ledger: starting the simulators');
  const server = startChild(join(dist, 'server-child.js'));
  try {
    const setup = await server.call<ClientSetup>({ type: 'setup' });
    const execArgv = values.profile === 'ledger' ? ['--cpu-prof', `--cpu-prof-dir=${join(benchDirectory, 'results', 'profiles')}`] : [];
    const start = () => startChild(join(dist, 'ledger-child.js'), [], execArgv);
    for (const store of ['pglite', 'postgres'] as const) {
      results.ledger!.push(await measureLedgerStore(start, store, setup, ledgerSettings, benchPostgresUrl(), log));
    }
    await server.call({ type: 'close' });
  } finally {
    await server.stop();
  }
});

Object.assign(results, {
  durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
  machineAfter: describeMachine(),
});
const out = values.out ?? join(benchDirectory, 'results', 'latest.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${renderReport(results)}\n`);
log(`results written to ${out}`);
if (values.readme) {
  writeReadmeSection(readmePath, renderReadmeSection(results));
  log(`Performance section of ${readmePath} rewritten`);
}
if (Object.keys(results.failures).length > 0) process.exitCode = 1;
