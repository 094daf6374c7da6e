import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReversalEvent } from '../kit/events.js';
import { REDACTED_TEXT } from '../kit/secret.js';
import { ReversalValidationError } from '../errors/reversal-validation-error.js';
import { createProvider } from '../registry/create-provider.js';
import { DEFAULT_REQUEST_RULES } from '../request-rules.js';
import { defineAdapter } from './define-adapter.js';
import * as v from 'valibot';
import { startTestServer, type TestServer, testAdapter } from './test-support/test-adapter.js';

const API_KEY = 'api-key-canary-5f1c9e';
const TOKEN = 'token-canary-77aa31';
const ok = (body: unknown) => () => ({ status: 200, body: JSON.stringify(body) });

let server: TestServer;
let events: ReversalEvent[];
const provider = (baseUrl = server.url) =>
  createProvider(testAdapter, { baseUrl, apiKey: API_KEY, onEvent: (event: ReversalEvent) => events.push(event) });

beforeEach(async () => {
  server = await startTestServer();
  events = [];
  server.answer('/token', ok({ token: TOKEN }));
});
afterEach(() => server.close());

describe('the provider core builds from an adapter spec', () => {
  it('validates with the rules before anything is sent, and sends nothing for a bad request', async () => {
    const p = provider();
    await expect(p.reverse({ transactionId: 'A 1', amount: 'ten' })).rejects.toBeInstanceOf(ReversalValidationError);
    expect(server.requests).toEqual([]);
    await p.close?.();
  });

  it('exposes the request rules it validates with, and refuses a reference format it cannot honour', async () => {
    const p = provider();
    expect(p.requestRules).toBe(testAdapter.requestRules);
    expect(p.requestRules?.reference).toEqual({ kind: 'alphanumeric', maxLength: 20 });
    const tooLong = { transactionId: 'TX1', amount: '5', reference: 'A'.repeat(21) };
    await expect(p.reverse(tooLong)).rejects.toThrow(/reference: must be 1–20 letters/);
    expect(server.requests).toEqual([]);
    const tooShort = () =>
      defineAdapter({
        id: 'short-ref',
        displayName: 'Short Ref',
        capabilities: testAdapter.capabilities,
        requestRules: { ...DEFAULT_REQUEST_RULES, reference: { kind: 'alphanumeric', maxLength: 6 } },
        optionsSchema: v.object({ timeoutMs: v.number() }),
        environment: {},
        connect: () => ({
          secrets: [],
          reversal: { transport: undefined as never, prepare: () => ({ request: { method: 'POST', path: '/' } }), read: () => ({ status: 'pending', raw: null }) },
        }),
      });
    expect(tooShort).toThrow(RangeError);
    expect(tooShort).toThrow(/short-ref adapter: the reference format's maxLength must be a whole number of at least 8, not 6/);
    await p.close?.();
  });

  it('fills the base fields: provider, reference, receipt, amount in the first currency, the per-attempt id', async () => {
    server.answer('/reverse', ok({ code: 'OK', receipt: 'R123' }));
    const p = provider();
    const result = await p.reverse({ transactionId: 'TX1', amount: '5', reference: 'ORDER1' });
    expect(result).toMatchObject({
      provider: 'test-pay',
      status: 'succeeded',
      reference: 'ORDER1',
      originalTransactionId: 'TX1',
      amount: { value: '5.00', currency: 'TZS' },
      providerRequestId: 'TP-ORDER1',
      reversalTransactionId: 'R123',
      metadata: {},
    });
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([expect.stringMatching(/^Basic /), `Bearer ${TOKEN}`]);
    expect(events.filter((event) => event.type === 'result')).toEqual([
      { type: 'result', provider: 'test-pay', source: 'reverse', status: 'succeeded', reference: 'ORDER1' },
    ]);
    await p.close?.();
  });

  it('fetches a new token once when the provider rejects it, and sends the reversal once more', async () => {
    server.answer('/reverse', () => ({ status: 401, body: '{}' }), ok({ code: 'OK' }));
    const p = provider();
    const result = await p.reverse({ transactionId: 'TX1', amount: '5' });
    expect(result.status).toBe('succeeded');
    expect(server.requests.map((request) => request.path)).toEqual(['/token', '/reverse', '/token', '/reverse']);
    expect(events.filter((event) => event.type === 'token').map((event) => event.type === 'token' && event.reason)).toEqual(['initial', 'rejected']);
    await p.close?.();
  });

  it('makes a refused token call a failed reversal that was never sent', async () => {
    server.answer('/token', () => ({ status: 400, body: JSON.stringify({ error: 'bad key', echo: `Basic user:${API_KEY}` }) }));
    const p = provider();
    const result = await p.reverse({ transactionId: 'TX1', amount: '5' });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'AUTHENTICATION_FAILED', retryable: false } });
    expect(JSON.stringify(result)).not.toContain(API_KEY);
    expect(server.requests.map((request) => request.path)).toEqual(['/token']);
    await p.close?.();
  });

  it('repeats a request that never left, with retry events, and reports it retryable once it gives up', async () => {
    const closed = await startTestServer();
    const url = closed.url;
    await closed.close();
    const p = provider(url);
    const result = await p.reverse({ transactionId: 'TX1', amount: '5' });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'PROVIDER_UNAVAILABLE', retryable: true } });
    // The token call is the one that never left: three attempts, two retry events.
    expect(events.filter((event) => event.type === 'retry')).toHaveLength(2);
    await p.close?.();
  });

  it('rejects with the reason when aborted before sending, and sends nothing', async () => {
    const p = provider();
    const reason = new Error('stop');
    await expect(p.reverse({ transactionId: 'TX1', amount: '5' }, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(server.requests).toEqual([]);
    await p.close?.();
  });

  it('scrubs every secret a gateway echoes back, in every encoded form, from raw, messages and metadata', async () => {
    server.answer('/reverse', ({ headers, body }) => ({
      status: 502,
      body: JSON.stringify({ headers, body, encoded: encodeURIComponent(API_KEY), json: JSON.stringify(body) }),
    }));
    const p = provider();
    const result = await p.reverse({ transactionId: 'TX1', amount: '5' });
    const text = JSON.stringify(result);
    for (const secret of [API_KEY, TOKEN, encodeURIComponent(API_KEY), Buffer.from(`user:${API_KEY}`).toString('base64')]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain(REDACTED_TEXT);
    expect(text).toContain('TX1');
    await p.close?.();
  });

  it('never reports a reversal failed because its status query failed: still unknown', async () => {
    const p = provider();
    server.answer('/status', () => ({ status: 200, body: 'not json' }));
    const result = await p.checkStatus!({ reference: 'ORDER1', originalTransactionId: 'TX1', providerRequestId: 'TP-ORDER1' });
    expect(result).toMatchObject({ status: 'unknown', reference: 'ORDER1', providerRequestId: 'TP-ORDER1' });
    expect(events.filter((event) => event.type === 'result')).toEqual([
      expect.objectContaining({ source: 'status', status: 'unknown', reference: 'ORDER1' }),
    ]);
    await p.close?.();
  });
});

describe('a failed status query', () => {
  it('leaves a pending reversal pending (never less certain), over real HTTP', async () => {
    const p = provider();
    server.answer('/status', () => ({ status: 200, body: 'not json' }));
    const result = await p.checkStatus!({ reference: 'ORDER1', originalTransactionId: 'TX1', status: 'pending' });
    expect(result.status).toBe('pending');
    expect(result.raw).toMatchObject({ statusQuery: { error: { code: 'PROCESSING_ERROR' } } });
    await p.close?.();
  });
});
