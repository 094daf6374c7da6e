import { describe, expect, it } from 'vitest';
import type { ReversalResult } from '../reversal-result.js';
import { createCallbackHandler } from './create-callback-handler.js';
import { createSignedTestProvider } from './test-support/signed-test-provider.js';

const provider = createSignedTestProvider('secret');
const base = { provider: 'vodacom-mz', reference: 'REF1', originalTransactionId: 'TX1', metadata: {}, raw: {} };

describe('CallbackHandler.deliver (results obtained without a callback)', () => {
  it('sends a final result through onResult once and records it; a pending one is only recorded', async () => {
    const results: ReversalResult[] = [];
    const callbacks = createCallbackHandler({ provider, onResult: (result) => void results.push(result) });
    await callbacks.deliver({ ...base, reference: 'REF2', status: 'pending' });
    expect(results).toEqual([]);
    expect((await callbacks.store.get('REF2'))?.status).toBe('pending');

    const succeeded: ReversalResult = { ...base, status: 'succeeded' };
    const waiting = callbacks.waitForResult('REF1', { timeoutMs: 60_000 });
    await callbacks.deliver(succeeded);
    await callbacks.deliver(succeeded);
    expect(results).toEqual([succeeded]);
    await expect(waiting).resolves.toBe(succeeded);
  });

  it('rejects with what onResult threw, and delivers again next time', async () => {
    let calls = 0;
    const callbacks = createCallbackHandler({
      provider,
      onResult: () => {
        calls += 1;
        if (calls === 1) throw new Error('database down');
      },
    });
    const failed: ReversalResult = {
      ...base,
      status: 'failed',
      error: { code: 'ALREADY_REVERSED', providerCode: 'INS-10', message: 'Already reversed.', retryable: false },
    };
    await expect(callbacks.deliver(failed)).rejects.toThrow('database down');
    expect(await callbacks.store.get('REF1')).toBeUndefined();
    await callbacks.deliver(failed);
    expect(calls).toBe(2);
    expect(await callbacks.store.get('REF1')).toBe(failed);
  });

  it('delivers every repeat when dedupe is off, and answers 500 when the store fails', async () => {
    let calls = 0;
    const reports: string[] = [];
    const callbacks = createCallbackHandler({
      provider,
      onResult: () => {
        calls += 1;
      },
      onError: (failure) => reports.push(failure.reason),
      dedupe: false,
      store: {
        get: async () => undefined,
        set: async () => {
          throw new Error('store down');
        },
        subscribe: async () => () => {},
      },
    });
    const body = { reference: 'REF3', transactionId: 'TX1', outcome: 'succeeded' };
    const url = provider.callbackUrl('http://localhost/callbacks', 'REF3');
    expect((await callbacks.handle({ url, body: JSON.stringify(body) })).status).toBe(500);
    expect((await callbacks.handle({ url, body })).status).toBe(500);
    expect(calls).toBe(2);
    expect(reports).toEqual(['internal-error', 'internal-error']);
  });
});

describe('CallbackHandler.handle (a body the framework already read)', () => {
  it('takes text, bytes or parsed JSON, and applies maxBodyBytes to text and bytes', async () => {
    const callbacks = createCallbackHandler({ provider, onResult: () => {}, maxBodyBytes: 200 });
    const body = { reference: 'REF4', transactionId: 'TX1', outcome: 'succeeded' };
    const url = new URL(provider.callbackUrl('http://localhost/callbacks', 'REF4'));
    for (const form of [JSON.stringify(body), new TextEncoder().encode(JSON.stringify(body)), body]) {
      const answer = await callbacks.handle({ url, body: form, headers: { 'content-type': 'application/json' } });
      expect(answer).toMatchObject({ status: 200, body: '{"received":true}' });
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
    }
    const large = await callbacks.handle({ url, body: JSON.stringify({ ...body, pad: 'x'.repeat(300) }) });
    expect(large.status).toBe(413);
  });
});
