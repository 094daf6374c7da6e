import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCallbackHandler, type ReversalResult } from '@reversal/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import queueTimeout from './__fixtures__/queue-timeout-callback.json' with { type: 'json' };
import type { SafaricomKeProvider } from './create-provider.js';
import { type SimulatedDaraja, startSimulatedDaraja } from './test-helpers/simulated-daraja.js';

// Without a ledger, a Daraja queue timeout arriving after the success of the same reversal request
// must not reach onResult as `unknown`: the simulator delivers the success callback to a callback
// handler over HTTP, then the timeout notice is POSTed to the QueueTimeOutURL the adapter signed.

let sim: SimulatedDaraja;
let server: Server;
let provider: SafaricomKeProvider;
const heard: ReversalResult[] = [];
let callbacks: ReturnType<typeof createCallbackHandler>;

beforeAll(async () => {
  sim = await startSimulatedDaraja();
  server = createServer((request, response) => void callbacks.node(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider = sim.provider({ resultUrl: `${origin}/mpesa/reversal/result` });
  callbacks = createCallbackHandler({ provider, onResult: (result) => void heard.push(result) });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await sim.close();
});

/** Reverses under `reference` with the simulator's `scenario`; resolves once its callback was handled. */
async function reverse(reference: string, scenario: 'success' | 'insufficient-funds') {
  const { transactionId } = sim.daraja.addTransaction({ amount: 200, scenario });
  const pending = await provider.reverse({ transactionId, amount: 200, reference });
  const settled = await callbacks.waitForResult(reference, { timeoutMs: 10_000 });
  const sent = sim.daraja.requests().findLast((request) => request.validated?.TransactionID === transactionId)?.validated;
  return { pending, settled, queueTimeOutUrl: sent!.QueueTimeOutURL };
}

/** Daraja's queue-timeout notice for the request `pending` acknowledged, POSTed to its QueueTimeOutURL. */
async function timeOut(url: string, pending: ReversalResult) {
  const ids = { OriginatorConversationID: pending.providerRequestId, ConversationID: pending.conversationId };
  const body = { Result: { ...queueTimeout.Result, ...ids } };
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

describe('a late queue timeout, without a ledger (Daraja simulator and callback handler over HTTP)', () => {
  it('after the success: acknowledged as Daraja expects, never handed to onResult', async () => {
    const { pending, settled, queueTimeOutUrl } = await reverse('LATEQT1', 'success');
    expect(settled).toMatchObject({ status: 'succeeded', providerRequestId: pending.providerRequestId });
    expect(await timeOut(queueTimeOutUrl, pending)).toEqual({ status: 200, body: { ResultCode: 0, ResultDesc: 'Accepted' } });
    expect(heard.filter((result) => result.reference === 'LATEQT1').map((result) => result.status)).toEqual(['succeeded']);
    expect(await callbacks.store.get('LATEQT1')).toMatchObject({ status: 'succeeded' });
  });

  it('after the refusal: the same', async () => {
    const { pending, settled, queueTimeOutUrl } = await reverse('LATEQT2', 'insufficient-funds');
    expect(settled).toMatchObject({ status: 'failed' });
    expect((await timeOut(queueTimeOutUrl, pending)).status).toBe(200);
    expect(heard.filter((result) => result.reference === 'LATEQT2').map((result) => result.status)).toEqual(['failed']);
  });
});
