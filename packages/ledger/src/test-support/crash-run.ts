import { startVodacomMzSimulator, type VodacomMzSimulator } from '@reversal/sandbox';
import { createVodacomMzProvider } from '@reversal/vodacom-mz';
import { expect } from 'vitest';
import { createLedger } from '../create-ledger.js';
import type { LedgerStore } from '../store/ledger-store.js';
import { type JsonLineChild, spawnJsonLineChild } from './spawn-instance.js';

// The crash tests (not part of the public surface): a process reversing against the Vodacom
// simulator is killed with SIGKILL at each of
// several points, five times per point, in an order drawn from a seed (printed; set
// LEDGER_CRASH_SEED to replay one). The next process reconciles what the killed one left; at the end,
// every reversal request that reached the simulator is counted per attempt.
const POINTS = ['before-send', 'request-written', 'after-answer', 'recording'] as const;
const KILLS_PER_POINT = 5;

/** A small seeded generator (mulberry32): the same seed draws the same runs. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Where the children's ledger lives. */
export type CrashTarget = { directory: string } | { url: string };

/** Runs the kills against the store at `target`, then reconciles with the store `open` gives and checks. */
export async function crashAndReconcile(name: string, target: CrashTarget, open: () => Promise<LedgerStore>) {
  const seed = Number(process.env.LEDGER_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
  console.log(`ledger crash test (${name}): seed ${seed}; replay with LEDGER_CRASH_SEED=${seed}`);
  const draw = random(seed);
  const runs = POINTS.flatMap((point) => Array.from({ length: KILLS_PER_POINT }, () => point))
    .map((point) => ({ point, order: draw() }))
    .sort((a, b) => a.order - b.order);
  const simulator: VodacomMzSimulator = await startVodacomMzSimulator({ keyBits: 2048 });
  // The simulator keeps its last requests only: gather the reversal requests after every run.
  const reached = new Set<ReturnType<VodacomMzSimulator['requests']>[number]>();
  const gather = () => {
    for (const request of simulator.requests()) if (request.operation === 'reversal') reached.add(request);
  };
  const tag = `${name === 'PGlite' ? 'L' : 'P'}${seed.toString(36).toUpperCase().slice(-5)}`;
  const references: string[] = [];
  try {
    for (const [index, { point }] of runs.entries()) {
      const payment = (reference: string) => {
        references.push(reference);
        return { transactionId: simulator.addTransaction({ amount: '10.00' }).transactionId, amount: '10.00', reference };
      };
      const reversals = Array.from({ length: Math.floor(draw() * 3) }, (_, count) => payment(`${tag}R${index}N${count}`));
      const doomed = { ...payment(`${tag}R${index}D`), point };
      if (point === 'request-written') simulator.addScenario({ transactionId: doomed.transactionId, delayMs: 120_000 });
      const child: JsonLineChild = spawnJsonLineChild(new URL('./crash.child.ts', import.meta.url), [], {
        LEDGER_CRASH_CHILD: JSON.stringify({ ...target, providerOptions: simulator.providerOptions, reversals, doomed }),
      });
      try {
        if (point === 'request-written') {
          await new Promise<void>((resolve, reject) => {
            const poll = setInterval(() => {
              const written = simulator.requests().some(
                (request) => request.operation === 'reversal' && (request.body as Record<string, unknown>)?.input_TransactionID === doomed.transactionId,
              );
              if (written) resolve();
              else if (child.process.exitCode !== null) reject(new Error(`the child ended first:\n${child.stderr()}`));
              if (written || child.process.exitCode !== null) clearInterval(poll);
            }, 10);
          });
        } else {
          await child.next((line) => line.blocked === point);
        }
      } finally {
        const ended = child.process.exitCode !== null || child.process.signalCode !== null;
        const exited = ended ? undefined : new Promise((resolve) => child.process.once('exit', resolve));
        child.process.kill('SIGKILL');
        await exited;
      }
      gather();
    }

    // The last restart: reconcile what the last killed process left.
    const store = await open();
    try {
      const provider = createVodacomMzProvider({ ...simulator.providerOptions, timeoutMs: 30_000 });
      const ledger = createLedger({ store, provider });
      const report = await ledger.reconcile({ olderThanMs: 0, limit: 1_000 });
      expect(report.failed).toEqual([]);
      gather();

      const perAttempt = new Map<string, number>();
      for (const request of reached) {
        const attempt = String((request.body as Record<string, unknown>).input_ThirdPartyReference);
        perAttempt.set(attempt, (perAttempt.get(attempt) ?? 0) + 1);
      }
      // At most one request per attempt, and none the ledger does not know of.
      for (const [attempt, count] of perAttempt) {
        expect(count, `requests for attempt ${attempt}`).toBe(1);
        expect(await store.findByAttempt(provider.id, attempt), `attempt ${attempt} in the ledger`).toBeDefined();
      }
      // Every entry settled where the provider can say: reversed once when its request arrived;
      // otherwise in doubt (Vodacom answers "N/A" for a reference it never saw, which proves nothing).
      for (const reference of references) {
        const entry = await ledger.get(reference);
        expect(entry, reference).toBeDefined();
        const sent = entry!.attempts.filter((attempt) => perAttempt.has(attempt.providerReference));
        expect(entry!.attempts, reference).toHaveLength(1);
        expect(entry!.state, `${reference}: ${sent.length} request(s) reached the simulator`).toBe(sent.length === 1 ? 'succeeded' : 'unknown');
      }
      expect(new Set([...perAttempt.keys()]).size).toBeGreaterThanOrEqual(KILLS_PER_POINT * 3);
    } finally {
      await store.close();
    }
  } finally {
    await simulator.close();
  }
}

