import { spawn } from 'node:child_process';
import type { Child } from '../lib/child.js';
import { median, round } from '../lib/stats.js';
import { type ClientName, type ClientSetup, clientModule, type Country, type ServerStats, transactionId } from '../protocol.js';

/** One client whose first reversal in a fresh process is timed. */
export interface FirstReversalVariant {
  readonly client: ClientName;
  readonly country: Country;
  /** The checkout whose packages the client imports (`--baseline`), or none for the bench's own. */
  readonly root?: string | undefined;
}

/** Medians of the fresh processes of one client. */
export interface FirstReversalRow {
  readonly client: ClientName;
  /** Spawn to exit: Node's start, imports, configuration, token and credential work, one reversal. */
  readonly medianMs: number;
  /** Process start (`performance.timeOrigin`) to the reversal's answer, as the child measured it. */
  readonly medianReadyMs: number;
  /** The simulators' CPU during the run (mostly RSA decryption of the fresh credentials), ms. */
  readonly medianSimulatorMs: number;
  /** `medianMs` less the simulators' CPU, run by run: what the client's side cost. */
  readonly medianClientSideMs: number;
  readonly runs: number;
}

/** Runs a child to completion without blocking this process (the simulators' replies need its event loop). */
function run(entry: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [entry, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, stdout, stderr, code }));
  });
}

/**
 * Starts `runs` fresh processes per client, the clients taking turns, each importing its client,
 * configuring it and sending one reversal to the simulators (a transaction prepared for it), and
 * keeps the medians. Each process encrypts its credentials afresh, so the simulator decrypts them
 * with pure-JavaScript RSA (hundreds of milliseconds for Vodacom's 4096-bit key): that share is
 * measured as the simulators' CPU and reported apart.
 */
export async function runFirstReversal(
  entry: string,
  server: Child,
  setup: ClientSetup,
  variants: readonly FirstReversalVariant[],
  runs: number,
  nextPrefix: () => string,
): Promise<FirstReversalRow[]> {
  const samples = new Map(variants.map((variant) => [variant.client, [] as { ms: number; readyMs: number; simulatorMs: number }[]]));
  const env = { ...process.env, BENCH_SETUP: JSON.stringify({ ...setup, fresh: true } satisfies ClientSetup) };
  for (let turn = 0; turn < runs; turn++) {
    for (const variant of variants) {
      const prefix = nextPrefix();
      await server.call({ type: 'prepare', country: variant.country, prefix, count: 1 });
      const before = await server.call<ServerStats>({ type: 'stats' });
      const args = [clientModule(variant.client), transactionId(prefix, 0), ...(variant.root ? [variant.root] : [])];
      const child = await run(entry, args, env);
      const after = await server.call<ServerStats>({ type: 'stats' });
      if (child.code !== 0) throw new Error(`first reversal of ${variant.client} failed: ${child.stderr.slice(0, 800)}`);
      const { readyMs } = JSON.parse(child.stdout) as { readyMs: number };
      samples.get(variant.client)!.push({ ms: child.ms, readyMs, simulatorMs: (after.cpuUs - before.cpuUs) / 1000 });
    }
  }
  return variants.map(({ client }) => {
    const values = samples.get(client)!;
    return {
      client,
      medianMs: round(median(values.map((value) => value.ms)), 1),
      medianReadyMs: round(median(values.map((value) => value.readyMs)), 1),
      medianSimulatorMs: round(median(values.map((value) => value.simulatorMs)), 1),
      medianClientSideMs: round(median(values.map((value) => value.ms - value.simulatorMs)), 1),
      runs,
    };
  });
}
