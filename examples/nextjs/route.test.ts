import { getRequestListener } from '@hono/node-server';
import { startVodacomMzSimulator } from '@reversal/sandbox';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startDarajaSandbox } from '../support/daraja-sandbox.js';
import { type LoopbackServer, startLoopbackServer } from '../support/loopback-server.js';

let server: LoopbackServer;
const cleanups: (() => Promise<void>)[] = [];
beforeEach(async () => {
  server = await startLoopbackServer();
  vi.resetModules();
});
afterEach(async () => {
  vi.unstubAllEnvs();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await server.close();
});

/** Loads the app as Next.js would, with `environment` set, and serves its two routes on loopback. */
async function startApp(environment: Readonly<Record<string, string>>) {
  for (const [name, value] of Object.entries(environment)) vi.stubEnv(name, value);
  const resultRoute = await import('./app/mpesa/reversal/result/route.js');
  const refundsRoute = await import('./app/refunds/route.js');
  const { findRefund } = await import('./lib/refunds.js');
  const { provider } = await import('./lib/reversals.js');
  cleanups.push(async () => provider.close?.());
  server.serve(
    getRequestListener((request) =>
      new URL(request.url).pathname === '/mpesa/reversal/result' ? resultRoute.POST(request) : refundsRoute.POST(request),
    ),
  );
  const refund = async (body: unknown) => {
    const response = await fetch(`${server.origin}/refunds`, { method: 'POST', body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as { reference: string; status: string } };
  };
  return { findRefund, refund };
}

describe('fetch-style route handlers (Next.js App Router shape)', () => {
  it('Kenya: the Daraja simulator’s callback reaches onResult through POST(request)', async () => {
    const sandbox = await startDarajaSandbox(`${server.origin}/mpesa/reversal/result`);
    cleanups.push(() => sandbox.close());
    const app = await startApp(sandbox.environment);
    const transactionId = sandbox.pay(200);

    const answer = await app.refund({ transactionId, amount: '200.00' });

    expect(answer).toMatchObject({ status: 200, body: { status: 'succeeded' } });
    expect(app.findRefund(answer.body.reference)).toMatchObject({
      provider: 'safaricom-ke',
      status: 'succeeded',
      reference: answer.body.reference,
      originalTransactionId: transactionId,
      amount: { value: '200.00', currency: 'KES' },
    });
    const forged = await fetch(`${server.origin}/mpesa/reversal/result`, { method: 'POST', body: '{"Result":{}}' });
    expect(forged.status).toBe(401);
  });

  it('Mozambique: the synchronous result reaches the same onResult, no callback involved', async () => {
    const simulator = await startVodacomMzSimulator({ keyBits: 2048 });
    cleanups.push(() => simulator.close());
    const app = await startApp(simulator.environment);
    const { transactionId } = simulator.addTransaction({ amount: '100.00' });

    const answer = await app.refund({ transactionId, amount: '40.00' });

    expect(answer).toMatchObject({ status: 200, body: { status: 'succeeded' } });
    expect(app.findRefund(answer.body.reference)).toMatchObject({
      provider: 'vodacom-mz',
      status: 'succeeded',
      originalTransactionId: transactionId,
      amount: { value: '40.00', currency: 'MZN' },
    });
    expect((await app.refund({ transactionId: 'not a receipt!', amount: '1.00' })).status).toBe(400);
  });
});
