import { afterEach, describe, expect, it } from 'vitest';
import type { ReversalResult } from '../reversal-result.js';
import { createMemoryDeduplicator } from './callback-deduplicator.js';
import type { CallbackHandlerSettings } from './callback-handler-options.js';
import { createCallbackHandler } from './create-callback-handler.js';
import { createMemoryResultStore } from './memory-result-store.js';
import type { ResultStore } from './result-store.js';
import { createSignedTestProvider, type SignedTestCallback } from './test-support/signed-test-provider.js';
import { serveNode, type TestServer } from './test-support/serve.js';

// Without a ledger, onResult hears of a result only when it changes what the store recorded for
// its attempt: a late queue timeout after that attempt's success is acknowledged and kept from it.

const provider = createSignedTestProvider('test-callback-secret');
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A handler served over HTTP; `post` delivers a callback to it and answers the HTTP status. */
async function serve(settings: Partial<CallbackHandlerSettings> = {}) {
  const heard: string[] = [];
  const callbacks = createCallbackHandler({
    provider,
    onResult: (result: ReversalResult) => void heard.push(`${result.providerRequestId ?? '-'} ${result.status}`),
    ...settings,
  });
  const server = await serveNode(callbacks.node);
  servers.push(server);
  const post = async (body: SignedTestCallback) => {
    const url = provider.callbackUrl(`${server.origin}/callbacks`, body.reference);
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: await response.text() };
  };
  return { callbacks, heard, post };
}

const callback = (outcome: SignedTestCallback['outcome'], requestId = 'AG1', reference = 'LATE1'): SignedTestCallback => ({
  reference,
  transactionId: 'PDU91HIVIT',
  outcome,
  requestId,
  ...(outcome === 'failed' ? { code: 'R000002' } : {}),
});

describe('a late callback that changes nothing recorded for its attempt', () => {
  it('a queue timeout after the success: acknowledged 200, never handed to onResult', async () => {
    const { callbacks, heard, post } = await serve();
    expect((await post(callback('succeeded'))).status).toBe(200);
    expect(await post(callback('unknown'))).toEqual({ status: 200, body: '{"received":true}' });
    expect(heard).toEqual(['AG1 succeeded']);
    expect(await callbacks.store.get('LATE1')).toMatchObject({ status: 'succeeded' });
  });

  it('an unknown after the refusal: kept from onResult; a redelivery of the refusal too', async () => {
    const { heard, post } = await serve();
    for (const outcome of ['failed', 'unknown', 'failed', 'unknown'] as const) {
      expect((await post(callback(outcome))).status).toBe(200);
    }
    expect(heard).toEqual(['AG1 failed']);
  });

  it('news that changes the record reaches onResult once: a timeout, then the success', async () => {
    const { heard, post } = await serve();
    for (const outcome of ['unknown', 'succeeded', 'succeeded', 'unknown'] as const) {
      expect((await post(callback(outcome))).status).toBe(200);
    }
    expect(heard).toEqual(['AG1 unknown', 'AG1 succeeded']);
  });

  it("tells attempts apart: a first attempt's late timeout after a resend is accepted changes nothing", async () => {
    const { callbacks, heard, post } = await serve();
    expect((await post(callback('failed', 'AG1'))).status).toBe(200);
    await callbacks.deliver({ ...(await provider.reverse({ transactionId: 'PDU91HIVIT', reference: 'LATE1' })), providerRequestId: 'AG2' });
    expect((await post(callback('unknown', 'AG1'))).status).toBe(200);
    expect((await post(callback('succeeded', 'AG2'))).status).toBe(200);
    expect(heard).toEqual(['AG1 failed', 'AG2 succeeded']);
  });

  it('with dedupe off, the same', async () => {
    const { heard, post } = await serve({ dedupe: false });
    for (const outcome of ['succeeded', 'unknown', 'succeeded'] as const) expect((await post(callback(outcome))).status).toBe(200);
    expect(heard).toEqual(['AG1 succeeded']);
  });

  it('two instances sharing a store and a deduplicator: the late timeout reaching the other one is kept from onResult', async () => {
    const store = createMemoryResultStore();
    const dedupe = createMemoryDeduplicator();
    const first = await serve({ store, dedupe });
    const second = await serve({ store, dedupe });
    expect((await first.post(callback('succeeded'))).status).toBe(200);
    expect((await second.post(callback('unknown'))).status).toBe(200);
    expect([...first.heard, ...second.heard]).toEqual(['AG1 succeeded']);
  });

  it('a store that fails to answer: 500 and onResult not called, so that the provider delivers again', async () => {
    const inner = createMemoryResultStore();
    let down = false;
    const check = async () => {
      if (down) throw new Error('store down');
    };
    const store: ResultStore = {
      get: (reference) => check().then(() => inner.get(reference)),
      attempts: (reference) => check().then(() => inner.attempts!(reference)),
      set: (result) => inner.set(result),
      subscribe: (reference, listener) => inner.subscribe(reference, listener),
    };
    const reports: string[] = [];
    const { heard, post } = await serve({ store, onError: (failure) => reports.push(failure.reason) });
    expect((await post(callback('succeeded'))).status).toBe(200);
    down = true;
    expect((await post(callback('unknown'))).status).toBe(500);
    expect((await post(callback('failed', 'AG9', 'LATE2'))).status).toBe(500);
    expect(reports).toEqual(['internal-error', 'internal-error']);
    down = false;
    expect((await post(callback('failed', 'AG9', 'LATE2'))).status).toBe(200);
    expect((await post(callback('unknown'))).status).toBe(200);
    expect(heard).toEqual(['AG1 succeeded', 'AG9 failed']);
  });

  it('a store without attempts(): judged from get(), which tells only for the attempt it answers with', async () => {
    const inner = createMemoryResultStore();
    const store: ResultStore = { get: (r) => inner.get(r), set: (result) => inner.set(result), subscribe: (r, l) => inner.subscribe(r, l) };
    const { heard, post } = await serve({ store });
    expect((await post(callback('succeeded'))).status).toBe(200);
    expect((await post(callback('unknown'))).status).toBe(200);
    expect(heard).toEqual(['AG1 succeeded']);
  });
});
