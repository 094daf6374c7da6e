import { afterEach, describe, expect, it } from 'vitest';
import type { ReversalResult } from '../reversal-result.js';
import { createCallbackHandler } from './create-callback-handler.js';
import { createSignedTestProvider, type SignedTestCallback } from './test-support/signed-test-provider.js';
import { serveNode, type TestServer } from './test-support/serve.js';

const provider = createSignedTestProvider('test-callback-secret');
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve() {
  const results: ReversalResult[] = [];
  const callbacks = createCallbackHandler({ provider, onResult: (result) => void results.push(result) });
  const server = await serveNode(callbacks.node);
  servers.push(server);
  const post = async (body: SignedTestCallback) => {
    const url = provider.callbackUrl(`${server.origin}/callbacks`, body.reference);
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return response.status;
  };
  return { callbacks, results, post };
}

const pending = (reference: string, providerRequestId: string): ReversalResult => ({
  provider: provider.id,
  reference,
  originalTransactionId: 'PDU91HIVIT',
  providerRequestId,
  status: 'pending',
  metadata: {},
  raw: {},
});

describe('results of several attempts under one reference', () => {
  it("keeps the first attempt's success when the resend's callback says R000001 (already reversed)", async () => {
    const { callbacks, post } = await serve();
    const waiting = callbacks.waitForResult('ORDER77', { timeoutMs: 60_000 });
    await callbacks.deliver(pending('ORDER77', 'AG1'));
    await callbacks.deliver(pending('ORDER77', 'AG2')); // the first POST timed out; the caller resent
    expect(await post({ reference: 'ORDER77', transactionId: 'PDU91HIVIT', outcome: 'succeeded', requestId: 'AG1' })).toBe(200);
    expect(await post({ reference: 'ORDER77', transactionId: 'PDU91HIVIT', outcome: 'failed', code: 'R000001', requestId: 'AG2' })).toBe(200);
    expect(await callbacks.store.get('ORDER77')).toMatchObject({ status: 'succeeded', providerRequestId: 'AG1' });
    await expect(waiting).resolves.toMatchObject({ status: 'succeeded' });
    expect(await callbacks.waitForResult('ORDER77', { timeoutMs: 0 })).toMatchObject({ status: 'succeeded' });
  });

  it('keeps a success over a later failure of the same attempt too', async () => {
    const { callbacks, post } = await serve();
    expect(await post({ reference: 'ORDER78', transactionId: 'PDU91HIVIT', outcome: 'succeeded' })).toBe(200);
    expect(await post({ reference: 'ORDER78', transactionId: 'PDU91HIVIT', outcome: 'failed', code: 'R000001' })).toBe(200);
    expect((await callbacks.store.get('ORDER78'))?.status).toBe('succeeded');
  });

  it("waits for the resend's outcome instead of resolving at once with the previous attempt's failure", async () => {
    const { callbacks, post } = await serve();
    expect(await post({ reference: 'ORDER79', transactionId: 'PDU91HIVIT', outcome: 'failed', code: 'R000002', requestId: 'AG1' })).toBe(200);
    await callbacks.deliver(pending('ORDER79', 'AG2')); // the resend was accepted
    const waiting = callbacks.waitForResult('ORDER79', { timeoutMs: 60_000 });
    expect(await post({ reference: 'ORDER79', transactionId: 'PDU91HIVIT', outcome: 'succeeded', requestId: 'AG2' })).toBe(200);
    await expect(waiting).resolves.toMatchObject({ status: 'succeeded', providerRequestId: 'AG2' });
  });

  it('hands two payments reversed under one reference to onResult, each once', async () => {
    const { results, post } = await serve();
    const first: SignedTestCallback = { reference: 'ORDER80', transactionId: 'PDU91HIVIT', outcome: 'succeeded', requestId: 'AG1' };
    const second: SignedTestCallback = { reference: 'ORDER80', transactionId: 'QKA81LK5CY', outcome: 'succeeded', requestId: 'AG2' };
    for (const body of [first, second, first, second]) expect(await post(body)).toBe(200);
    expect(results.map((result) => result.originalTransactionId)).toEqual(['PDU91HIVIT', 'QKA81LK5CY']);
  });

  it('hands the same outcome of two attempts of one payment to onResult, each once', async () => {
    const { results, post } = await serve();
    const first: SignedTestCallback = { reference: 'ORDER81', transactionId: 'PDU91HIVIT', outcome: 'failed', requestId: 'AG1' };
    const second: SignedTestCallback = { ...first, requestId: 'AG2' };
    for (const body of [first, second, first]) expect(await post(body)).toBe(200);
    expect(results.map((result) => result.providerRequestId)).toEqual(['AG1', 'AG2']);
  });
});
