import { pathToFileURL } from 'node:url';
import type { ReversalProvider, ReversalResult } from '@reversal/core';
import { startDarajaSandbox } from './daraja-sandbox.js';

/** True when the module at `moduleUrl` is the script node/tsx was started with. */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && moduleUrl === pathToFileURL(process.argv[1]).href;
}

/** Starts an example app on `port`; resolves to a function that stops it. */
export type StartApp = (
  provider: ReversalProvider,
  onResult: (result: ReversalResult) => Promise<void>,
  port: number,
) => Promise<() => Promise<void>>;

/**
 * Runs one reversal end to end on this machine: the Daraja simulator, the example app on
 * `PORT` (default 3000), `reverse()` → `pending`, then the simulator's callback → `onResult`.
 */
export async function runDemo(name: string, startApp: StartApp): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const sandbox = await startDarajaSandbox(`http://127.0.0.1:${port}/mpesa/reversal/result`);
  let resolve: (result: ReversalResult) => void = () => {};
  const received = new Promise<ReversalResult>((settle) => {
    resolve = settle;
  });
  const stop = await startApp(sandbox.provider, async (result) => resolve(result), port);
  try {
    const pending = await sandbox.provider.reverse({ transactionId: sandbox.pay(200), amount: '200.00' });
    console.log(`${name}: reverse() → ${pending.status}, reference ${pending.reference}`);
    const result = await received;
    console.log(`${name}: onResult ← ${result.status}, reference ${result.reference}, receipt ${result.reversalTransactionId}`);
  } finally {
    await stop();
    await sandbox.close();
  }
}
