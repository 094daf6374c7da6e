import { readFileSync, writeFileSync } from 'node:fs';
import { markdownTable } from '../lib/table.js';
import type { ClientName } from '../protocol.js';
import type { BenchResults } from '../results.js';
import { baselineName } from './cold-import.js';
import { renderLedger } from './ledger.js';
import { pairedRatio, type ThroughputRow } from './throughput.js';

const number = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ratio = (value: number) => `${value.toFixed(2)}×`;
const verdict = (met: boolean) => (met ? 'met' : '**missed**');

const LABELS: Record<ClientName, string> = {
  'ours-ke': '@reversal/safaricom-ke',
  'base-ke': '@reversal/safaricom-ke (baseline)',
  'raw-ke': 'raw undici (Daraja)',
  'mpesa-api-ke': 'mpesa-api 3.0.2',
  'ours-mz': '@reversal/vodacom-mz',
  'base-mz': '@reversal/vodacom-mz (baseline)',
  'raw-mz': 'raw undici (Vodacom)',
  'paymentsds-mz': '@paymentsds/mpesa 0.1.0-alpha-9',
};

const find = (rows: readonly ThroughputRow[], client: string, concurrency: number) =>
  rows.find((row) => row.client === client && row.concurrency === concurrency);

/**
 * One country's throughput rows. Ratios are medians over the rounds of the per-round ratio to the
 * reference (raw undici) and, with a baseline, to the baseline adapter (see `pairedRatio`).
 */
function throughputTable(rows: readonly ThroughputRow[], raw: ClientName, base: ClientName, withOauth: boolean): string {
  const hasBase = rows.some((row) => row.client === base);
  const header = ['client', 'concurrency', 'reversals/s', '× raw'];
  if (hasBase) header.push('× baseline');
  header.push('client CPU µs/reversal', '× raw');
  if (hasBase) header.push('× baseline');
  header.push('simulator CPU µs/reversal');
  if (withOauth) header.push('OAuth calls');
  return markdownTable(
    header,
    rows.map((row) => {
      const reference = find(rows, raw, row.concurrency)!;
      const baseline = find(rows, base, row.concurrency);
      const cells: (string | number)[] = [
        LABELS[row.client] + (row.errors > 0 ? ` (${row.errors} errors)` : ''),
        row.concurrency,
        number(row.reversalsPerSecond),
        ratio(pairedRatio(row, reference, 'rate')),
      ];
      if (hasBase) cells.push(baseline ? ratio(pairedRatio(row, baseline, 'rate')) : '–');
      cells.push(number(row.clientCpuUsPerReversal), ratio(pairedRatio(row, reference, 'cpu')));
      if (hasBase) cells.push(baseline ? ratio(pairedRatio(row, baseline, 'cpu')) : '–');
      cells.push(number(row.serverCpuUsPerReversal));
      if (withOauth) cells.push(`${number(row.oauthCalls)} / ${number(row.reversals + 1)}`);
      return cells;
    }),
  );
}

/** The targets of the issue, each with what this run measured. */
function targetsTable(results: BenchResults): string {
  const rows: (string | number)[][] = [];
  const pairs = [
    ['Kenya', results.throughput.ke, 'ours-ke', 'base-ke', 'raw-ke', ['mpesa-api-ke']],
    ['Mozambique', results.throughput.mz, 'ours-mz', 'base-mz', 'raw-mz', ['paymentsds-mz']],
  ] as const;
  for (const [country, data, ours, base, raw, peers] of pairs) {
    if (data.length === 0) continue;
    const concurrencies = [...new Set(data.map((row) => row.concurrency))];
    const against = (other: ClientName, metric: 'rate' | 'cpu') => concurrencies.map((c) => pairedRatio(find(data, ours, c)!, find(data, other, c)!, metric));
    if (data.some((row) => row.client === base)) {
      const cpuVsBase = against(base, 'cpu');
      const speedVsBase = against(base, 'rate');
      rows.push([
        `${country}: client CPU per reversal ≤ 1.03× the baseline adapter`,
        `${cpuVsBase.map(ratio).join(' / ')} (raw undici: ${against(raw, 'cpu').map(ratio).join(' / ')})`,
        verdict(cpuVsBase.every((value) => value <= 1.03)),
      ]);
      rows.push([
        `${country}: throughput ≥ 0.97× the baseline adapter`,
        `${speedVsBase.map(ratio).join(' / ')} (raw undici: ${against(raw, 'rate').map(ratio).join(' / ')})`,
        verdict(speedVsBase.every((value) => value >= 0.97)),
      ]);
    }
    const cpu = against(raw, 'cpu');
    const speed = against(raw, 'rate');
    rows.push([`${country}: client CPU per reversal ≤ 1.10× raw undici`, cpu.map(ratio).join(' / '), verdict(cpu.every((value) => value <= 1.1))]);
    rows.push([`${country}: throughput ≥ 0.90× raw undici`, speed.map(ratio).join(' / '), verdict(speed.every((value) => value >= 0.9))]);
    for (const peer of peers) {
      const cpuVsPeer = against(peer, 'cpu');
      const speedVsPeer = against(peer, 'rate');
      rows.push([
        `${country}: less CPU and more reversals/s than ${LABELS[peer]}`,
        `CPU ${cpuVsPeer.map(ratio).join(' / ')}; reversals/s ${speedVsPeer.map(ratio).join(' / ')}`,
        verdict(cpuVsPeer.every((value) => value < 1) && speedVsPeer.every((value) => value > 1)),
      ]);
    }
    if (country === 'Kenya') {
      const oauth = data.filter((row) => row.client === ours).map((row) => row.oauthCalls);
      rows.push([
        `OAuth calls per ${number(results.settings.reversals)} Kenya reversals: one`,
        `${oauth.join(' / ')} (burst of ${results.settings.burst} first calls: ${results.firstCallBurst['ours-ke'] ?? '–'})`,
        verdict(oauth.every((value) => value === 1) && results.firstCallBurst['ours-ke'] === 1),
      ]);
    }
  }
  const plain = results.callbacks[0];
  if (plain) {
    rows.push(['Callback parsing ≥ 100,000/s on one core', `${number(plain.callbacksPerSecond)}/s`, verdict(plain.callbacksPerSecond >= 100_000)]);
  }
  const undici = results.coldImport.find((row) => row.name === 'undici');
  for (const row of results.coldImport.filter((entry) => entry.name.includes(' + ') && !entry.name.endsWith('(baseline)'))) {
    const value = row.medianMs / undici!.medianMs;
    const before = results.coldImport.find((entry) => entry.name === baselineName(row.name));
    const then = before ? `; baseline ${ratio(before.medianMs / undici!.medianMs)}` : '';
    rows.push([
      `Cold import ${row.name} ≤ 1.10× undici alone`,
      `${ratio(value)} (${number(row.medianMs, 1)} vs ${number(undici!.medianMs, 1)} ms${then})`,
      verdict(value <= 1.1),
    ]);
  }
  return markdownTable(['target', 'measured (concurrency 1 / 10 / 100)', 'result'], rows);
}

/** What was measured, where, and how busy the machine was. */
function introduction(results: BenchResults): string {
  const { machine, settings } = results;
  const baseline = results.baseline ? ` Baseline adapters: ${results.baseline.commit} (\`--baseline\`), in the same run.` : '';
  return (
    `Measured ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC with \`${results.command}\` in ${results.durationSeconds} s at ${results.checkout ?? 'an unrecorded commit'}, on ${machine.cores} × ${machine.cpu}, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node} (load average ${machine.loadAverage1m} before, ${results.machineAfter.loadAverage1m} after: other work shared the machine when it exceeds 0).${baseline} ` +
    `${number(settings.reversals)} reversals per client and concurrency in ${settings.rounds} interleaved rounds, after ${number(settings.warmupReversals)} warm-up reversals per client and ${number(settings.instanceWarmupReversals ?? 0)} per fresh instance; every client in its own process, the simulators in another. ` +
    'Rates and CPU are medians over the rounds; ratios are medians of the per-round ratios (the clients of a round run back to back).'
  );
}

/** Time to first reversal in fresh processes, and the cold-import ratios beside it. */
function firstReversalTable(results: BenchResults): string {
  const rows = results.firstReversal ?? [];
  return markdownTable(
    ['client', 'first reversal ms (spawn to exit)', 'simulator CPU ms', 'client side ms (less simulator)', 'from process start to answer ms'],
    rows.map((row) => [LABELS[row.client], number(row.medianMs, 1), number(row.medianSimulatorMs, 1), number(row.medianClientSideMs, 1), number(row.medianReadyMs, 1)]),
  );
}

/** The whole report as Markdown: tables of every section, the targets, the machine, the command. */
export function renderReport(results: BenchResults): string {
  const { settings } = results;
  const parts: string[] = [introduction(results)];
  if (results.throughput.ke.length > 0 || results.throughput.mz.length > 0) parts.push('### Targets', targetsTable(results));
  if (results.throughput.ke.length > 0) {
    parts.push('### Kenya: reversal acknowledged (Daraja simulator)', throughputTable(results.throughput.ke, 'raw-ke', 'base-ke', true));
  }
  if (results.throughput.mz.length > 0) {
    parts.push('### Mozambique: synchronous reversal (Vodacom simulator)', throughputTable(results.throughput.mz, 'raw-mz', 'base-mz', false));
  }
  const burst = Object.entries(results.firstCallBurst);
  if (burst.length > 0) {
    parts.push(
      `OAuth requests made by ${settings.burst} concurrent first calls of a fresh client: ${burst.map(([client, calls]) => `${LABELS[client as ClientName]} ${calls}`).join(', ')}.`,
    );
  }
  const tokenCost = results.extras['paymentsds-mz']?.defaultConfigTokenCpuUsPerCall;
  if (tokenCost !== undefined) {
    parts.push(
      `@paymentsds/mpesa ran with its \`accessToken\` option (bearer token computed once). In its default configuration (\`apiKey\` + \`publicKey\`) it RSA-encrypts the API key before every request: ${number(tokenCost)} µs more client CPU per reversal, measured on its own and not included above.`,
    );
  }
  const differences = [...results.bodies.ke, ...results.bodies.mz].filter((entry) => entry.differences.length > 0);
  if (differences.length > 0) {
    parts.push(
      `Request bodies that differ from the adapter's: ${differences.map((entry) => `${LABELS[entry.client]}: ${entry.differences.join('; ')}`).join(' — ')}.`,
    );
  }
  if (results.callbacks.length > 0) {
    parts.push(
      '### Callback parsing (Kenya `parseCallback`, one core)',
      markdownTable(
        ['callback', 'callbacks/s', 'CPU µs/callback'],
        results.callbacks.map((row) => [row.mode, number(row.callbacksPerSecond), number(row.cpuUsPerCallback, 1)]),
      ),
    );
  }
  if ((results.firstReversal ?? []).length > 0) {
    parts.push(
      `### Time to first reversal (fresh \`node\` process: import, configure, one reversal with its token and credential work; median of ${results.firstReversal[0]!.runs})`,
      firstReversalTable(results),
    );
  }
  if ((results.firstReversalMissing ?? []).length > 0) {
    parts.push(`Adapters without a bench client (no time to first reversal): ${results.firstReversalMissing.join(', ')}.`);
  }
  if (results.coldImport.length > 0) {
    const undici = results.coldImport.find((row) => row.name === 'undici')!;
    parts.push(
      `### Cold import (fresh \`node\` process, median of ${results.coldImport[0]!.runs})`,
      markdownTable(
        ['import', 'process ms', 'import ms (over bare node)', '× undici alone'],
        results.coldImport.map((row) => [row.name, number(row.medianMs, 1), number(row.importMs, 1), ratio(row.medianMs / undici.medianMs)]),
      ),
    );
  }
  if (results.footprint.length > 0) {
    parts.push(
      '### Footprint',
      markdownTable(
        ['package', 'packed KiB', 'unpacked KiB', 'production dependencies', 'installed KiB (with dependencies)'],
        results.footprint.map((row) => [
          `${row.name}@${row.version}`,
          number(row.packedKiB, 1),
          number(row.unpackedKiB, 1),
          `${row.dependencies}${row.dependencies > 0 ? ` (${row.dependencyNames.join(', ')})` : ''}`,
          number(row.installedKiB, 1),
        ]),
      ),
    );
  }
  if ((results.ledger ?? []).length > 0) {
    parts.push(
      '### Ledger (`@reversal/ledger` over the Vodacom Mozambique adapter, durability on): added latency at concurrency 1, recorded reversals/s at concurrency 50',
      renderLedger(results.ledger!),
    );
  }
  for (const [name, message] of Object.entries(results.failures)) parts.push(`**Section ${name} failed:** ${message.split('\n')[0]}`);
  return parts.join('\n\n');
}

const README_START = '<!-- bench:start (written by `node bench/dist/run.js --render bench/results/latest.json --readme`) -->';
const README_END = '<!-- bench:end -->';

/** The part of the root README's Performance section that the bench writes: the targets, first reversal, cold import. */
export function renderReadmeSection(results: BenchResults): string {
  const parts = [introduction(results)];
  if (results.throughput.ke.length > 0 || results.throughput.mz.length > 0) parts.push(targetsTable(results));
  if ((results.firstReversal ?? []).length > 0) {
    parts.push(`Time to first reversal in a fresh process (median of ${results.firstReversal[0]!.runs}):`, firstReversalTable(results));
  }
  if (results.coldImport.length > 0) {
    const undici = results.coldImport.find((row) => row.name === 'undici')!;
    parts.push(
      `Cold import (fresh process, median of ${results.coldImport[0]!.runs}):`,
      markdownTable(
        ['import', 'process ms', '× undici alone'],
        results.coldImport.map((row) => [row.name, number(row.medianMs, 1), ratio(row.medianMs / undici.medianMs)]),
      ),
    );
  }
  return parts.join('\n\n');
}

/**
 * Replaces the generated block of the README's `## Performance` section (between the bench
 * markers; added at the section's end the first time). The text around the block is left as written.
 */
export function writeReadmeSection(readmePath: string, body: string): void {
  const readme = readFileSync(readmePath, 'utf8');
  const block = `${README_START}\n\n${body}\n\n${README_END}`;
  const start = readme.indexOf('<!-- bench:start');
  const end = readme.indexOf(README_END);
  if (start >= 0 && end > start) {
    writeFileSync(readmePath, readme.slice(0, start) + block + readme.slice(end + README_END.length));
    return;
  }
  const heading = readme.indexOf('\n## Performance\n');
  if (heading < 0) throw new Error(`${readmePath} has no "## Performance" section`);
  const next = readme.indexOf('\n## ', heading + 1);
  const at = next < 0 ? readme.length : next;
  writeFileSync(readmePath, `${readme.slice(0, at).trimEnd()}\n\n${block}\n${readme.slice(at)}`);
}
