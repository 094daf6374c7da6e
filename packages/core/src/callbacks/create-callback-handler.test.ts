import { afterEach, describe, expect, it } from 'vitest';
import type { ReversalResult } from '../reversal-result.js';
import type { CallbackFailure } from './callback-failure.js';
import type { CallbackHandlerSettings } from './callback-handler-options.js';
import { createCallbackHandler } from './create-callback-handler.js';
import { createSignedTestProvider, type SignedTestCallback } from './test-support/signed-test-provider.js';
import { serveFetch, serveNode, type TestServer } from './test-support/serve.js';

const provider = createSignedTestProvider('test-callback-secret');
const success: SignedTestCallback = { reference: 'REF0001', transactionId: 'PDU91HIVIT', outcome: 'succeeded', receipt: 'QKA81LK5CY' };

type Settings = Partial<CallbackHandlerSettings>;
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** The same tests run against the Node listener and the fetch handler, each over real HTTP. */
const flavours = {
  node: async (settings: Settings = {}, options = { provider } as object) => {
    const seen = recorder(settings);
    const callbacks = createCallbackHandler({ ...options, ...settings, onResult: seen.onResult, onError: seen.onError } as never);
    const server = await serveNode(callbacks.node);
    servers.push(server);
    return { ...seen, callbacks, url: (path = '/callbacks/reversal') => `${server.origin}${path}` };
  },
  fetch: async (settings: Settings = {}, options = { provider } as object) => {
    const seen = recorder(settings);
    const callbacks = createCallbackHandler({ ...options, ...settings, onResult: seen.onResult, onError: seen.onError } as never);
    const server = await serveFetch(callbacks.fetch);
    servers.push(server);
    return { ...seen, callbacks, url: (path = '/callbacks/reversal') => `${server.origin}${path}` };
  },
};

function recorder(settings: Settings) {
  const results: ReversalResult[] = [];
  const failures: CallbackFailure[] = [];
  return {
    results,
    failures,
    onResult: async (result: ReversalResult) => {
      await settings.onResult?.(result);
      results.push(result);
    },
    onError: (failure: CallbackFailure) => failures.push(failure),
  };
}

function post(url: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  return fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

describe.each(Object.entries(flavours))('createCallbackHandler (%s)', (_name, start) => {
  it('hands a signed callback to onResult and answers the acknowledgement', async () => {
    const app = await start();
    const response = await post(provider.callbackUrl(app.url(), success.reference), success);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true });
    expect(app.results).toHaveLength(1);
    expect(app.results[0]).toMatchObject({ status: 'succeeded', reference: 'REF0001', reversalTransactionId: 'QKA81LK5CY' });
    expect(app.failures).toEqual([]);
  });

  it('answers 401 to a missing or forged token, without calling onResult', async () => {
    const app = await start();
    const missing = await post(app.url(), success);
    const forged = await post(provider.callbackUrl(app.url(), 'OTHERREF'), success);
    const otherSecret = await post(createSignedTestProvider('another-secret').callbackUrl(app.url(), success.reference), success);
    for (const response of [missing, forged, otherSecret]) {
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: 'unauthenticated' });
    }
    expect(app.results).toEqual([]);
    expect(app.failures.map((failure) => [failure.status, failure.reason, failure.provider])).toEqual(
      Array(3).fill([401, 'unauthenticated', 'signed-test']),
    );
  });

  it('answers 413 to a body beyond maxBodyBytes, announced or streamed', async () => {
    const app = await start({ maxBodyBytes: 1024 });
    const padded = { ...success, padding: 'x'.repeat(2048) };
    const announced = await post(provider.callbackUrl(app.url(), success.reference), padded);
    expect(announced.status).toBe(413);
    const chunks = [JSON.stringify(padded).slice(0, 1000), JSON.stringify(padded).slice(1000)];
    const streamed = await fetch(provider.callbackUrl(app.url(), success.reference), {
      method: 'POST',
      body: new ReadableStream({
        pull(controller) {
          const chunk = chunks.shift();
          if (chunk === undefined) controller.close();
          else controller.enqueue(new TextEncoder().encode(chunk));
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(app.results).toEqual([]);
    expect(app.failures.map((failure) => failure.reason)).toEqual(['too-large', 'too-large']);
  });

  it('reads JSON whatever the content type, and answers 400 to garbage', async () => {
    const app = await start();
    const url = provider.callbackUrl(app.url(), success.reference);
    expect((await post(url, success, { 'content-type': 'text/plain' })).status).toBe(200);
    for (const garbage of ['not json', '', '{"reference":', 'null', '[1,2]', JSON.stringify({ ...success, outcome: 'maybe' })]) {
      const response = await post(url, garbage);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'malformed' });
    }
    expect(app.results).toHaveLength(1);
    expect(app.failures.every((failure) => failure.status === 400 && failure.reason === 'malformed')).toBe(true);
  });

  it('calls onResult once for the same callback delivered twice, even concurrently', async () => {
    const app = await start();
    const url = provider.callbackUrl(app.url(), success.reference);
    const answers = await Promise.all([post(url, success), post(url, success), post(url, success)]);
    expect((await post(url, success)).status).toBe(200);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(app.results).toHaveLength(1);
    // A different outcome for another reference still gets through.
    const failed = { reference: 'REF0002', transactionId: 'PDU91HIVIT', outcome: 'failed' };
    expect((await post(provider.callbackUrl(app.url(), 'REF0002'), failed)).status).toBe(200);
    expect(app.results.map((result) => result.status)).toEqual(['succeeded', 'failed']);
  });

  it('answers 500 when onResult throws, reports it, and handles the next delivery again', async () => {
    let attempts = 0;
    const app = await start({
      onResult: () => {
        attempts += 1;
        if (attempts === 1) throw new Error('database down');
      },
    });
    const url = provider.callbackUrl(app.url(), success.reference);
    const first = await post(url, success);
    expect(first.status).toBe(500);
    expect(await first.text()).not.toContain('database down');
    expect(app.failures).toMatchObject([{ status: 500, reason: 'result-handler-failed', reference: 'REF0001' }]);
    expect(app.failures[0]?.error).toBeInstanceOf(Error);
    expect((await post(url, success)).status).toBe(200);
    expect(attempts).toBe(2);
    expect(app.results).toHaveLength(1);
  });

  it('answers 405 to anything but POST', async () => {
    const app = await start();
    const response = await fetch(app.url(), { method: 'GET' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('refuses addresses off the allow-list, trusting X-Forwarded-For only with trustProxy', async () => {
    const strict = await start({ allowList: ['196.201.214.200'] });
    const url = provider.callbackUrl(strict.url(), success.reference);
    expect((await post(url, success)).status).toBe(403);
    const spoofed = await post(url, success, { 'x-forwarded-for': '196.201.214.200' });
    expect(spoofed.status).toBe(403);
    expect(strict.results).toEqual([]);
    expect(strict.failures.map((failure) => [failure.reason, failure.remoteAddress])).toEqual([
      ['address-not-allowed', '127.0.0.1'],
      ['address-not-allowed', '127.0.0.1'],
    ]);

    const proxied = await start({ allowList: ['196.201.212.0/24', '196.201.214.200'], trustProxy: 1 });
    const proxiedUrl = provider.callbackUrl(proxied.url(), success.reference);
    expect((await post(proxiedUrl, success, { 'x-forwarded-for': '196.201.214.200' })).status).toBe(200);
    // Only the entry our proxy appended counts: a sender cannot prepend an allowed address.
    expect((await post(proxiedUrl, success, { 'x-forwarded-for': '196.201.214.200, 203.0.113.9' })).status).toBe(403);
    expect((await post(proxiedUrl, success)).status).toBe(403);
    expect(proxied.results).toHaveLength(1);
  });

  it('routes by ?provider= or a path segment when several providers receive callbacks', async () => {
    const kenya = createSignedTestProvider('kenya-secret', 'safaricom-ke');
    const other = createSignedTestProvider('other-secret', 'other');
    const app = await start({}, { providers: [kenya, other] });
    const viaPath = await post(kenya.callbackUrl(app.url('/callbacks/safaricom-ke'), success.reference), success);
    expect(viaPath.status).toBe(200);
    // The acknowledgement comes from the provider that handled the callback.
    expect(await viaPath.json()).toEqual({ ResultCode: 0, ResultDesc: 'Accepted' });
    const viaQuery = await post(`${other.callbackUrl(app.url('/callbacks'), success.reference)}&provider=other`, success);
    expect(viaQuery.status).toBe(200);
    expect(await viaQuery.json()).toEqual({ received: true });
    expect(app.results.map((result) => result.provider)).toEqual(['safaricom-ke', 'other']);
    expect((await post(kenya.callbackUrl(app.url('/callbacks'), success.reference), success)).status).toBe(404);
    // The wrong provider's token is a forgery for the provider the URL names.
    expect((await post(other.callbackUrl(app.url('/callbacks/safaricom-ke'), 'REF0009'), { ...success, reference: 'REF0009' })).status).toBe(401);
  });

  it('lets waitForResult resolve from the callback', async () => {
    const app = await start();
    const pending = await provider.reverse({ transactionId: 'PDU91HIVIT', amount: '200.00' });
    const waiting = app.callbacks.waitForResult(pending.reference, { timeoutMs: 10_000 });
    const callback = { ...success, reference: pending.reference };
    expect((await post(provider.callbackUrl(app.url(), pending.reference), callback)).status).toBe(200);
    await expect(waiting).resolves.toMatchObject({ status: 'succeeded', reference: pending.reference });
  });

  it('lets waitForResult time out with the last known result when no callback comes', async () => {
    const app = await start();
    const pending = await provider.reverse({ transactionId: 'PDU91HIVIT', amount: '200.00' });
    await app.callbacks.deliver(pending);
    const forged = await post(app.url(), { ...success, reference: pending.reference });
    expect(forged.status).toBe(401);
    await expect(app.callbacks.waitForResult(pending.reference, { timeoutMs: 200 })).resolves.toMatchObject({ status: 'pending' });
    await expect(app.callbacks.waitForResult('NEVERSENT', { timeoutMs: 50 })).resolves.toBeUndefined();
  });
});

describe('createCallbackHandler (node, after a body parser)', () => {
  it('takes the body a framework already parsed into request.body', async () => {
    const results: ReversalResult[] = [];
    const callbacks = createCallbackHandler({ provider, onResult: (result) => void results.push(result) });
    // What express.json() does: read the stream, set request.body, hand over.
    const server = await serveNode(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      Object.assign(request, { body: JSON.parse(Buffer.concat(chunks).toString()) });
      await callbacks.node(request, response);
    });
    servers.push(server);
    const response = await post(provider.callbackUrl(`${server.origin}/callbacks`, success.reference), success);
    expect(response.status).toBe(200);
    expect(results).toMatchObject([{ status: 'succeeded', reference: 'REF0001' }]);
  });
});
