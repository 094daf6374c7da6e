/**
 * `pnpm bench`: client overhead and throughput against raw undici and against peer SDKs, OAuth
 * calls, callback parsing rate, cold import and footprint. Prints Markdown tables and writes
 * `bench/results/latest.json`. Options: `--reversals N` (per client and concurrency, default
 * 10,000), `--rounds N` (interleaved batches, default 4), `--import-runs N` (default 15),
 * `--only throughput,callbacks,cold-import,footprint`, `--quick` (1,000 reversals, 5 import runs),
 * `--profile <client|server>` (CPU profile of that process into `bench/results/profiles/`),
 * `--render <results.json>` (print the tables of an earlier run).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Child, startChild } from './lib/child.js';
import { describeMachine } from './lib/machine.js';
import { createPrefixes } from './lib/stats.js';
import { type CallbackRateRow, CLIENT_NAMES, type ClientName, type ClientSetup } from './protocol.js';
import { runColdImport } from './sections/cold-import.js';
import { runFootprint } from './sections/footprint.js';
import type { BenchResults, BenchSettings } from './results.js';
import { compareBodies } from './sections/request-bodies.js';
import { renderReport } from './sections/report.js';
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
  },
});
if (values.render) {
  // --render <results.json>: print the tables of an earlier run without running anything.
  process.stdout.write(`${renderReport(JSON.parse(readFileSync(values.render, 'utf8')) as BenchResults)}\n`);
  process.exit(0);
}
const quick = values.quick === true;
const settings: BenchSettings = {
  reversals: Number(values.reversals ?? (quick ? 1_000 : 10_000)),
  rounds: Number(values.rounds ?? 4),
  warmupReversals: quick ? 500 : 2_000,
  concurrencies: [1, 10, 100],
  importRuns: Number(values['import-runs'] ?? (quick ? 5 : 15)),
  callbackDurationMs: quick ? 500 : 1_500,
  burst: 100,
};
const sections = new Set((values.only ?? 'throughput,callbacks,cold-import,footprint').split(','));
const log = (text: string) => process.stderr.write(`[bench] ${text}\n`);

async function throughputSections(results: BenchResults): Promise<void> {
  log('starting the simulators');
  const profileFlags = ['--cpu-prof', `--cpu-prof-dir=${join(benchDirectory, 'results', 'profiles')}`];
  const server = startChild(join(dist, 'server-child.js'), [], values.profile === 'server' ? profileFlags : []);
  const setup = await server.call<ClientSetup>({ type: 'setup' });
  const children: Partial<Record<ClientName, Child>> = {};
  try {
    for (const name of CLIENT_NAMES) {
      // --profile <client>: a V8 CPU profile of that client's process, for `node --cpu-prof` analysis.
      const child = startChild(join(dist, 'client-child.js'), [name], values.profile === name ? profileFlags : []);
      children[name] = child;
      const { undiciIsGlobalDispatcher } = await child.call<{ undiciIsGlobalDispatcher: boolean }>({ type: 'init', setup });
      results.undiciGlobalDispatcher[name] = undiciIsGlobalDispatcher;
    }
    const harness: Harness = { server, children, nextPrefix: createPrefixes() };
    const countries: [ThroughputOptions['country'], ClientName[], ClientName[]][] = [
      ['ke', ['ours-ke', 'raw-ke', 'mpesa-api-ke'], ['mpesa-api-ke']],
      ['mz', ['ours-mz', 'raw-mz', 'paymentsds-mz'], []],
    ];
    for (const [country, clients, isolated] of countries) {
      const options: ThroughputOptions = { country, clients, isolated, ...settings };
      log(`${country}: warming up ${clients.join(', ')}`);
      await warmUp(harness, options);
      results.bodies[country] = await compareBodies(harness, country, clients);
      log(`${country}: ${settings.reversals} reversals per client at concurrency ${settings.concurrencies.join(', ')}`);
      results.throughput[country] = await runThroughput(harness, options);
    }
    for (const client of ['ours-ke', 'raw-ke', 'mpesa-api-ke'] as const) {
      results.firstCallBurst[client] = await firstCallBurst(harness, client, settings.burst);
    }
    results.extras['paymentsds-mz'] = await children['paymentsds-mz']!.call({ type: 'extra' });
    await server.call({ type: 'close' });
  } finally {
    await Promise.all(Object.values(children).map((child) => child.stop()));
    await server.stop();
  }
}

const startedAt = new Date();
const results: BenchResults = {
  startedAt: startedAt.toISOString(),
  durationSeconds: 0,
  command: `pnpm bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
  machine: describeMachine(),
  machineAfter: describeMachine(),
  settings,
  undiciGlobalDispatcher: {},
  bodies: { ke: [], mz: [] },
  throughput: { ke: [], mz: [] },
  firstCallBurst: {},
  extras: {},
  callbacks: [],
  coldImport: [],
  footprint: [],
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
  const child = startChild(join(dist, 'callback-child.js'));
  try {
    results.callbacks.push(...(await child.call<CallbackRateRow[]>({ type: 'run', durationMs: settings.callbackDurationMs })));
  } finally {
    await child.stop();
  }
});
await section('cold-import', () => {
  log(`cold import, ${settings.importRuns} fresh processes per variant`);
  results.coldImport.push(...runColdImport(benchDirectory, settings.importRuns));
});
await section('footprint', () => {
  log('footprint (pnpm pack)');
  const packages = ['core', 'safaricom-ke', 'vodacom-mz'].map((name) => join(root, 'packages', name));
  results.footprint.push(...runFootprint(packages, ['undici', 'mpesa-api', '@paymentsds/mpesa'], benchDirectory));
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
if (Object.keys(results.failures).length > 0) process.exitCode = 1;
