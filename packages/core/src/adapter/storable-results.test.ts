import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReversalEvent } from '../kit/events.js';
import { createProvider } from '../registry/create-provider.js';
import type { ReversalResult } from '../reversal-result.js';
import { startTestServer, type TestServer, testAdapter } from './test-support/test-adapter.js';

// A result must be storable as it is (PostgreSQL's jsonb refuses a lone surrogate) and must hold no
// part of a secret, even where provider text is cut: secrets are scrubbed first, text is cut by
// code point. Over real HTTP, through the provider core builds.

const API_KEY = 'K7q2Vx9LmP4sT8wZ1bN6cR3yH5jD0fG2aE9uI4oQ7tY1pS6dF3gJ8kL2zX5cV0bM'; // 64 characters, like a consumer secret
const TOKEN = 'token-canary-77aa31';
const CUT = 4096; // what a result keeps of an unreadable body, in code points

let server: TestServer;
let events: ReversalEvent[];
beforeEach(async () => {
  server = await startTestServer();
  events = [];
  server.answer('/token', () => ({ status: 200, body: JSON.stringify({ token: TOKEN }) }));
});
afterEach(() => server.close());

const reverseAgainst = async (status: number, body: string): Promise<ReversalResult> => {
  server.answer('/reverse', () => ({ status, body }));
  const onEvent = (event: ReversalEvent) => events.push(event);
  const provider = createProvider(testAdapter, { baseUrl: server.url, apiKey: API_KEY, onEvent });
  try {
    return await provider.reverse({ transactionId: 'TX1', amount: '5', reference: 'ORDER1' });
  } finally {
    await provider.close?.();
  }
};

/** Every string of a value, keys included. */
const strings = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : typeof value === 'object' && value !== null
      ? Object.entries(value).flatMap(([key, item]) => [key, ...strings(item)])
      : [];
// UTF-8 cannot carry a lone surrogate: encoding replaces it, so the round trip differs.
const isWellFormed = (text: string) => Buffer.from(text, 'utf8').toString('utf8') === text;
const fragments = (secret: string, length = 8) =>
  Array.from({ length: secret.length - length + 1 }, (_, at) => secret.slice(at, at + length));

describe('provider text in a result', () => {
  it('a 502 page echoing a secret across the cut point keeps no 8-character part of it, anywhere', async () => {
    const page = `<html><body><pre>${'x'.repeat(CUT - 38 - 17)}${API_KEY}${'y'.repeat(200)}</pre></body></html>`;
    expect(page.indexOf(API_KEY)).toBe(CUT - 38); // 38 of its 64 characters before the cut
    const result = await reverseAgainst(502, page);
    expect(result).toMatchObject({ status: 'unknown', error: { code: 'PROCESSING_ERROR' } });
    const body = (result.raw as { body: string }).body;
    expect([...body]).toHaveLength(CUT);
    expect(body).toContain('[REDACTED]');
    const everything = `${JSON.stringify(result)}\n${JSON.stringify(events)}`;
    for (const fragment of fragments(API_KEY)) expect(everything).not.toContain(fragment);
  });

  it('an emoji at the cut point is kept whole or not at all: every string of the result is well-formed', async () => {
    const page = `${'x'.repeat(CUT - 1)}😀 and more`;
    const result = await reverseAgainst(502, page);
    const body = (result.raw as { body: string }).body;
    expect(body).toBe(`${'x'.repeat(CUT - 1)}😀`);
    for (const text of strings(result)) expect(isWellFormed(text)).toBe(true);
    expect(() => JSON.parse(JSON.stringify(result))).not.toThrow();
  });

  it('lone surrogates a provider sends in JSON become U+FFFD in every string of the result', async () => {
    // "\ud83d" alone is valid JSON and parses to a lone high surrogate.
    const result = await reverseAgainst(400, '{"code":"NO\\ud83d","detail":{"\\udc00key":"half \\ud83d emoji"}}');
    expect(result.status).toBe('failed');
    for (const text of strings(result)) expect(isWellFormed(text)).toBe(true);
    expect(result).toMatchObject({
      error: { providerCode: 'NO\uFFFD' },
      raw: { code: 'NO\uFFFD', detail: { '\uFFFDkey': 'half \uFFFD emoji' } },
    });
  });

  it('an emoji pair is left alone', async () => {
    const result = await reverseAgainst(400, JSON.stringify({ code: 'NO😀' }));
    expect(result).toMatchObject({ error: { providerCode: 'NO😀' } });
  });
});
