import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallbackHandler } from './create-callback-handler.js';
import { createSignedTestProvider } from './test-support/signed-test-provider.js';
import { serveFetch, serveNode, type TestServer } from './test-support/serve.js';

const provider = createSignedTestProvider('property-secret');
const other = createSignedTestProvider('other-secret', 'safaricom-ke');
let delivered = 0;
const callbacks = createCallbackHandler({
  providers: [provider, other],
  onResult: (result) => {
    delivered += 1;
    // onResult sometimes fails, to exercise the 500 path under arbitrary input.
    if (result.reference.endsWith('7')) throw new Error('application failure');
  },
  onError: () => {
    throw new Error('a throwing onError must not matter either');
  },
  allowList: ['127.0.0.0/8', '::1'],
  trustProxy: 1,
  maxBodyBytes: 512,
});

const callbackBody = fc.record({
  reference: fc.stringMatching(/^[A-Z0-9]{1,20}$/),
  transactionId: fc.string(),
  outcome: fc.constantFrom('succeeded', 'failed', 'other'),
  code: fc.option(fc.string(), { nil: undefined }),
});
/** Sometimes a well-formed callback body, sometimes anything at all. */
const body = fc.oneof(
  callbackBody,
  fc.anything(),
  fc.string({ maxLength: 600 }),
  fc.uint8Array({ maxLength: 600 }),
);
const path = fc.oneof(
  fc.constantFrom('/callbacks', '/callbacks/safaricom-ke', '/callbacks/signed-test', '/callbacks?provider=other'),
  fc.webPath(),
  fc.string().map((text) => `/${encodeURIComponent(text)}`),
);
const headerName = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/).filter((name) => !['content-length', 'transfer-encoding', 'host', 'connection', 'expect', 'upgrade', 'keep-alive', 'te', 'trailer', 'proxy-connection'].includes(name));
const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,40}$/);
const headers = fc.dictionary(headerName, headerValue, { maxKeys: 5 });
const method = fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS');

function toWire(value: unknown): string | Uint8Array {
  if (value instanceof Uint8Array || typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch {
    return String(Object.prototype.toString.call(value));
  }
}

describe('createCallbackHandler under arbitrary input', () => {
  it('answers handle() with a 2xx/4xx/5xx, never throwing, whatever the input', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.anything(), fc.anything(), fc.anything(), async (method, url, headers, body) => {
        const answer = await callbacks.handle({ method, url, headers, body } as never);
        expect(answer.status).toBeGreaterThanOrEqual(200);
        expect(answer.status).toBeLessThan(600);
        expect(() => JSON.parse(answer.body)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  let servers: TestServer[] = [];
  beforeAll(async () => {
    servers = [await serveNode(callbacks.node), await serveFetch(callbacks.fetch)];
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  it('answers every HTTP request to the node and fetch handlers with a 2xx/4xx/5xx', async () => {
    const anyRequest = fc.record({ verb: method, target: path, fields: headers, payload: body, sign: fc.boolean() });
    // A quarter are well-formed signed callbacks, so the property also runs through onResult.
    const wellFormed = fc.record({
      verb: fc.constant('POST'),
      target: fc.constant('/callbacks/signed-test'),
      fields: headers,
      payload: callbackBody,
      sign: fc.constant(true),
    });
    const request = fc.oneof({ weight: 1, arbitrary: wellFormed }, { weight: 3, arbitrary: anyRequest });
    await fc.assert(
      fc.asyncProperty(request, fc.nat(1), async ({ verb, target, fields, payload, sign }, index) => {
        const server = servers[index]!;
        const reference = (payload as { reference?: unknown } | null)?.reference;
        const base = `${server.origin}${target}`;
        const url = sign && typeof reference === 'string' ? provider.callbackUrl(base, reference) : base;
        const hasBody = verb !== 'GET';
        const response = await fetch(url, { method: verb, headers: fields, ...(hasBody ? { body: toWire(payload) } : {}) });
        expect([200, 400, 401, 403, 404, 405, 413, 500]).toContain(response.status);
        await response.arrayBuffer();
      }),
      { numRuns: 200 },
    );
    expect(delivered).toBeGreaterThan(0);
  });
});
