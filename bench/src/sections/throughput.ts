import type { Child } from '../lib/child.js';
import { median, round } from '../lib/stats.js';
import type { BatchResult, ClientName, Country, ServerStats } from '../protocol.js';

/** How much work one country's comparison does. */
export interface ThroughputOptions {
  readonly country: Country;
  /** The clients compared, the hand-written baseline among them. */
  readonly clients: readonly ClientName[];
  readonly concurrencies: readonly number[];
  /** Reversals per client and concurrency (split into `rounds` interleaved batches). */
  readonly reversals: number;
  readonly rounds: number;
  readonly warmupReversals: number;
  /** Untimed reversals of each fresh instance, after its priming call and before the rounds. */
  readonly instanceWarmupReversals: number;
  /**
   * Clients run on their own after the others at each concurrency instead of taking turns with
   * them: `mpesa-api` fetches a token per reversal, and the simulator keeps its last 1,000 tokens
   * only, so its batches would expire the other clients' tokens.
   */
  readonly isolated?: readonly ClientName[];
}

/** One timed batch of one client: a turn of an interleaved round. */
export interface BatchTiming {
  readonly count: number;
  readonly wallMs: number;
  /** Client process CPU (user + system), µs. */
  readonly cpuUs: number;
}

/** One client at one concurrency. */
export interface ThroughputRow {
  readonly client: ClientName;
  readonly concurrency: number;
  readonly reversals: number;
  readonly wallMs: number;
  /** Median over the rounds of each batch's reversals per second. */
  readonly reversalsPerSecond: number;
  /** Median over the rounds of each batch's client process CPU (user + system) per reversal, µs. */
  readonly clientCpuUsPerReversal: number;
  /** The clients that took turns with this one (its group), joined with `+`. */
  readonly group: string;
  /** The timed batches, round by round (round `i` of every client of a group ran back to back). */
  readonly batches: readonly BatchTiming[];
  /** Simulator process CPU per reversal, µs (what the client made the server do). */
  readonly serverCpuUsPerReversal: number;
  /** OAuth requests the simulator received from this instance: the priming call and the measured batches. */
  readonly oauthCalls: number;
  /** Result callbacks the Daraja simulator sent for this client's reversals: 0 unless something was refused. */
  readonly simulatorCallbacks: number;
  readonly errors: number;
  readonly firstError?: string;
}

/** What a batch needs from the orchestrator. */
export interface Harness {
  readonly server: Child;
  readonly children: Readonly<Partial<Record<ClientName, Child>>>;
  readonly nextPrefix: () => string;
}

const stats = (server: Child) => server.call<ServerStats>({ type: 'stats' });

/** Prepares a batch on the server, runs it on one client, and attributes the server's work to it. */
export async function measuredBatch(
  harness: Harness,
  country: Country,
  client: ClientName,
  count: number,
  concurrency: number,
): Promise<{ result: BatchResult; serverCpuUs: number; oauth: number; callbacks: number }> {
  const prefix = harness.nextPrefix();
  await harness.server.call({ type: 'prepare', country, prefix, count });
  const before = await stats(harness.server);
  const result = await harness.children[client]!.call<BatchResult>({ type: 'batch', batch: { prefix, count, concurrency } });
  const after = await stats(harness.server);
  return {
    result,
    serverCpuUs: after.cpuUs - before.cpuUs,
    oauth: after.oauthRequests - before.oauthRequests,
    callbacks: after.keCallbacks - before.keCallbacks,
  };
}

/** Warms each client up (JIT, connections, the simulator's caches) with a throw-away instance. */
export async function warmUp(harness: Harness, options: ThroughputOptions): Promise<void> {
  for (const client of options.clients) {
    const child = harness.children[client]!;
    await child.call({ type: 'open' });
    await measuredBatch(harness, options.country, client, 1, 1);
    await measuredBatch(harness, options.country, client, options.warmupReversals, 10);
    await child.call({ type: 'close' });
  }
}

/**
 * Runs `reversals` per client at each concurrency, on a fresh instance per client and
 * concurrency. The clients' batches are interleaved (A B C, then C B A, …) so that a change in
 * the machine's load falls on every client alike; `isolated` clients run after the others.
 */
export async function runThroughput(harness: Harness, options: ThroughputOptions): Promise<ThroughputRow[]> {
  const rows: ThroughputRow[] = [];
  for (const concurrency of options.concurrencies) {
    const isolated = options.isolated ?? [];
    const groups = [options.clients.filter((client) => !isolated.includes(client)), ...isolated.map((client) => [client])];
    for (const group of groups) rows.push(...(await runGroup(harness, options, group, concurrency)));
  }
  // Rows in the order the clients were listed, concurrency by concurrency.
  return options.concurrencies.flatMap((concurrency) =>
    options.clients.map((client) => rows.find((row) => row.client === client && row.concurrency === concurrency)!),
  );
}

/** One group of clients at one concurrency: fresh instances, a priming call each, then interleaved batches. */
async function runGroup(harness: Harness, options: ThroughputOptions, clients: readonly ClientName[], concurrency: number) {
  const perRound = Math.ceil(options.reversals / options.rounds);
  const totals = new Map(
    clients.map((client) => [
      client,
      { count: 0, wallMs: 0, cpuUs: 0, serverCpuUs: 0, oauth: 0, callbacks: 0, errors: 0, firstError: undefined as string | undefined, batches: [] as BatchTiming[] },
    ]),
  );
  for (const client of clients) {
    await harness.children[client]!.call({ type: 'open' });
    // The priming call carries the one-off work of a new instance (token, the simulator's first
    // decryption of this instance's credential) out of the timed batches; its OAuth call counts.
    const priming = await measuredBatch(harness, options.country, client, 1, 1);
    totals.get(client)!.oauth += priming.oauth;
    // Untimed: the new instance's own closures reach steady state (JIT) before the rounds.
    await measuredBatch(harness, options.country, client, options.instanceWarmupReversals, concurrency);
  }
  for (let turn = 0; turn < options.rounds; turn++) {
    const order = turn % 2 === 0 ? clients : [...clients].reverse();
    for (const client of order) {
      const { result, serverCpuUs, oauth, callbacks } = await measuredBatch(harness, options.country, client, perRound, concurrency);
      const total = totals.get(client)!;
      total.count += result.count;
      total.wallMs += result.wallMs;
      total.cpuUs += result.cpuUserUs + result.cpuSystemUs;
      total.serverCpuUs += serverCpuUs;
      total.oauth += oauth;
      total.callbacks += callbacks;
      total.errors += result.errors;
      total.firstError ??= result.firstError;
      total.batches.push({ count: result.count, wallMs: round(result.wallMs, 2), cpuUs: result.cpuUserUs + result.cpuSystemUs });
    }
  }
  const rows: ThroughputRow[] = [];
  for (const client of clients) {
    await harness.children[client]!.call({ type: 'close' });
    const total = totals.get(client)!;
    rows.push({
      client,
      concurrency,
      reversals: total.count,
      wallMs: round(total.wallMs),
      reversalsPerSecond: round(median(total.batches.map(batchRate))),
      clientCpuUsPerReversal: round(median(total.batches.map(batchCpu)), 1),
      group: clients.join('+'),
      batches: total.batches,
      serverCpuUsPerReversal: round(total.serverCpuUs / total.count, 1),
      oauthCalls: total.oauth,
      simulatorCallbacks: total.callbacks,
      errors: total.errors,
      ...(total.firstError === undefined ? {} : { firstError: total.firstError }),
    });
  }
  return rows;
}

/** OAuth requests made by a fresh instance for `burst` concurrent first calls (single-flight or not). */
export async function firstCallBurst(harness: Harness, client: ClientName, burst: number): Promise<number> {
  await harness.children[client]!.call({ type: 'open' });
  const { oauth } = await measuredBatch(harness, 'ke', client, burst, burst);
  await harness.children[client]!.call({ type: 'close' });
  return oauth;
}

const batchRate = (batch: BatchTiming) => batch.count / (batch.wallMs / 1000);
const batchCpu = (batch: BatchTiming) => batch.cpuUs / batch.count;

/**
 * The median over the rounds of `row`'s value divided by `reference`'s in the same round, for
 * reversals per second (`rate`) or client CPU per reversal (`cpu`). Both clients must have run in
 * the same group, so that round `i` of each ran back to back on the same machine load; for clients
 * of different groups (an isolated peer) it falls back to the ratio of the two medians.
 */
export function pairedRatio(row: ThroughputRow, reference: ThroughputRow, metric: 'rate' | 'cpu'): number {
  const value = metric === 'rate' ? batchRate : batchCpu;
  // Results written before rounds were recorded have no batches.
  if (!row.batches || !reference.batches || row.group !== reference.group || row.batches.length !== reference.batches.length || row.batches.length === 0) {
    return metric === 'rate' ? row.reversalsPerSecond / reference.reversalsPerSecond : row.clientCpuUsPerReversal / reference.clientCpuUsPerReversal;
  }
  return median(row.batches.map((batch, index) => value(batch) / value(reference.batches[index]!)));
}
