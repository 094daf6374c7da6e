import type { ReversalResult } from '@reversal/core';
import type { CallbackDelivery } from '@reversal/sandbox';
import { type DarajaSandbox, startDarajaSandbox } from './daraja-sandbox.js';
import { type LoopbackServer, startLoopbackServer } from './loopback-server.js';

/** What an example test needs: a loopback server for the app, the simulator, and what onResult got. */
export interface RoundTrip {
  readonly server: LoopbackServer;
  readonly sandbox: DarajaSandbox;
  /** Every result `onResult` received, in order. */
  readonly results: ReversalResult[];
  /** The `onResult` to give the example app: records, and wakes {@link RoundTrip.nextResult}. */
  onResult(result: ReversalResult): Promise<void>;
  /** Resolves with the next result `onResult` receives (rejects after 10 s). */
  nextResult(): Promise<ReversalResult>;
  close(): Promise<void>;
}

/** Starts the loopback server first, then the simulator with the provider's resultUrl pointing at it. */
export async function startRoundTrip(path = '/mpesa/reversal/result'): Promise<RoundTrip> {
  const server = await startLoopbackServer();
  const sandbox = await startDarajaSandbox(`${server.origin}${path}`);
  const results: ReversalResult[] = [];
  const waiters: ((result: ReversalResult) => void)[] = [];
  return {
    server,
    sandbox,
    results,
    async onResult(result) {
      results.push(result);
      for (const wake of waiters.splice(0)) wake(result);
    },
    nextResult: () =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('onResult received nothing within 10 s')), 10_000);
        waiters.push((result) => {
          clearTimeout(timer);
          resolve(result);
        });
      }),
    async close() {
      await sandbox.close();
      await server.close();
    },
  };
}

/** The simulator's record of its last callback, once the app has answered it (polls for up to 10 s). */
export async function lastDelivery(roundTrip: RoundTrip): Promise<CallbackDelivery> {
  for (let waited = 0; waited < 10_000; waited += 20) {
    const delivery = roundTrip.sandbox.daraja.deliveries().at(-1);
    if (delivery) return delivery;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the simulator delivered no callback within 10 s');
}

/** Posts the last callback the simulator delivered once more, as Daraja would on a retry. */
export async function redeliverLastCallback(roundTrip: RoundTrip, change: (url: URL) => void = () => {}): Promise<Response> {
  const delivery = await lastDelivery(roundTrip);
  const url = new URL(delivery.url);
  change(url);
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(delivery.body) });
}
