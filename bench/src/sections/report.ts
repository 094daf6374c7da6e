import { markdownTable } from '../lib/table.js';
import type { ClientName } from '../protocol.js';
import type { BenchResults } from '../results.js';
import type { ThroughputRow } from './throughput.js';

const number = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ratio = (value: number) => `${value.toFixed(2)}×`;
const verdict = (met: boolean) => (met ? 'met' : '**missed**');

const LABELS: Record<ClientName, string> = {
  'ours-ke': '@reversal/safaricom-ke',
  'raw-ke': 'raw undici (baseline)',
  'mpesa-api-ke': 'mpesa-api 3.0.2',
  'ours-mz': '@reversal/vodacom-mz',
  'raw-mz': 'raw undici (baseline)',
  'paymentsds-mz': '@paymentsds/mpesa 0.1.0-alpha-9',
};

const find = (rows: readonly ThroughputRow[], client: string, concurrency: number) =>
  rows.find((row) => row.client === client && row.concurrency === concurrency);

function throughputTable(rows: readonly ThroughputRow[], baseline: ClientName, withOauth: boolean): string {
  const header = ['client', 'concurrency', 'reversals/s', '× raw', 'client CPU µs/reversal', '× raw', 'simulator CPU µs/reversal'];
  if (withOauth) header.push('OAuth calls');
  return markdownTable(
    header,
    rows.map((row) => {
      const raw = find(rows, baseline, row.concurrency)!;
      const cells = [
        LABELS[row.client] + (row.errors > 0 ? ` (${row.errors} errors)` : ''),
        row.concurrency,
        number(row.reversalsPerSecond),
        ratio(row.reversalsPerSecond / raw.reversalsPerSecond),
        number(row.clientCpuUsPerReversal),
        ratio(row.clientCpuUsPerReversal / raw.clientCpuUsPerReversal),
        number(row.serverCpuUsPerReversal),
      ];
      if (withOauth) cells.push(`${number(row.oauthCalls)} / ${number(row.reversals + 1)}`);
      return cells;
    }),
  );
}

/** The targets of the issue, each with what this run measured. */
function targetsTable(results: BenchResults): string {
  const rows: (string | number)[][] = [];
  const pairs = [
    ['Kenya', results.throughput.ke, 'ours-ke', 'raw-ke', ['mpesa-api-ke']],
    ['Mozambique', results.throughput.mz, 'ours-mz', 'raw-mz', ['paymentsds-mz']],
  ] as const;
  for (const [country, data, ours, raw, peers] of pairs) {
    if (data.length === 0) continue;
    const concurrencies = [...new Set(data.map((row) => row.concurrency))];
    const cpu = concurrencies.map((c) => find(data, ours, c)!.clientCpuUsPerReversal / find(data, raw, c)!.clientCpuUsPerReversal);
    const speed = concurrencies.map((c) => find(data, ours, c)!.reversalsPerSecond / find(data, raw, c)!.reversalsPerSecond);
    rows.push([`1. ${country}: client CPU per reversal ≤ 1.10× raw undici`, cpu.map(ratio).join(' / '), verdict(cpu.every((value) => value <= 1.1))]);
    rows.push([`2. ${country}: throughput ≥ 0.90× raw undici`, speed.map(ratio).join(' / '), verdict(speed.every((value) => value >= 0.9))]);
    for (const peer of peers) {
      const cpuVsPeer = concurrencies.map((c) => find(data, ours, c)!.clientCpuUsPerReversal / find(data, peer, c)!.clientCpuUsPerReversal);
      const speedVsPeer = concurrencies.map((c) => find(data, ours, c)!.reversalsPerSecond / find(data, peer, c)!.reversalsPerSecond);
      rows.push([
        `7. ${country}: less CPU and more reversals/s than ${LABELS[peer]}`,
        `CPU ${cpuVsPeer.map(ratio).join(' / ')}; reversals/s ${speedVsPeer.map(ratio).join(' / ')}`,
        verdict(cpuVsPeer.every((value) => value < 1) && speedVsPeer.every((value) => value > 1)),
      ]);
    }
    if (country === 'Kenya') {
      const oauth = data.filter((row) => row.client === ours).map((row) => row.oauthCalls);
      rows.push([
        '3. OAuth calls per 10,000 Kenya reversals: one',
        `${oauth.join(' / ')} (burst of ${results.settings.burst} first calls: ${results.firstCallBurst['ours-ke'] ?? '–'})`,
        verdict(oauth.every((value) => value === 1) && results.firstCallBurst['ours-ke'] === 1),
      ]);
    }
  }
  const plain = results.callbacks[0];
  if (plain) {
    rows.push(['4. Callback parsing ≥ 100,000/s on one core', `${number(plain.callbacksPerSecond)}/s`, verdict(plain.callbacksPerSecond >= 100_000)]);
  }
  const undici = results.coldImport.find((row) => row.name === 'undici');
  for (const row of results.coldImport.filter((entry) => entry.name.includes(' + '))) {
    const value = row.medianMs / undici!.medianMs;
    rows.push([`5. Cold import ${row.name} ≤ 1.25× undici alone`, `${ratio(value)} (${number(row.medianMs, 1)} vs ${number(undici!.medianMs, 1)} ms)`, verdict(value <= 1.25)]);
  }
  return markdownTable(['target', 'measured (concurrency 1 / 10 / 100)', 'result'], rows);
}

/** The whole report as Markdown: tables of every section, the targets, the machine, the command. */
export function renderReport(results: BenchResults): string {
  const { machine, settings } = results;
  const parts: string[] = [
    `Measured ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC with \`${results.command}\` in ${results.durationSeconds} s on ${machine.cores} × ${machine.cpu}, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node} (load average ${machine.loadAverage1m} before, ${results.machineAfter.loadAverage1m} after). ${number(settings.reversals)} reversals per client and concurrency in ${settings.rounds} interleaved batches, after ${number(settings.warmupReversals)} warm-up reversals; every client in its own process, the simulators in another.`,
  ];
  if (results.throughput.ke.length > 0 || results.throughput.mz.length > 0) parts.push('### Targets', targetsTable(results));
  if (results.throughput.ke.length > 0) {
    parts.push('### Kenya: reversal acknowledged (Daraja simulator)', throughputTable(results.throughput.ke, 'raw-ke', true));
  }
  if (results.throughput.mz.length > 0) {
    parts.push('### Mozambique: synchronous reversal (Vodacom simulator)', throughputTable(results.throughput.mz, 'raw-mz', false));
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
  for (const [name, message] of Object.entries(results.failures)) parts.push(`**Section ${name} failed:** ${message.split('\n')[0]}`);
  return parts.join('\n\n');
}
