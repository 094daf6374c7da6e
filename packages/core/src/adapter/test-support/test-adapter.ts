import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as v from 'valibot';
import { DEFAULT_REQUEST_RULES } from '../../request-rules.js';
import type { ProviderAnswer } from '../adapter-spec.js';
import { defineAdapter } from '../define-adapter.js';

/** What the test server saw and what it answers, per path. */
export interface TestServer {
  readonly url: string;
  readonly requests: { method: string; path: string; headers: IncomingMessage['headers']; body: string }[];
  /** Answers the next requests to `path` (the last entry repeats). */
  answer(path: string, ...responses: ((request: { headers: IncomingMessage['headers']; body: string }) => { status: number; body: string })[]): void;
  close(): Promise<void>;
}

/** A loopback HTTP server whose answers a test scripts. */
export async function startTestServer(): Promise<TestServer> {
  const scripts = new Map<string, ((request: { headers: IncomingMessage['headers']; body: string }) => { status: number; body: string })[]>();
  const requests: TestServer['requests'] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const path = (request.url ?? '/').split('?')[0]!;
      requests.push({ method: request.method ?? '', path, headers: request.headers, body });
      const script = scripts.get(path) ?? [];
      const next = script.length > 1 ? script.shift()! : script[0];
      const { status, body: answer } = next ? next({ headers: request.headers, body }) : { status: 404, body: '{}' };
      response.writeHead(status, { 'content-type': 'application/json' }).end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    answer: (path, ...responses) => scripts.set(path, responses),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A minimal token-using adapter over the test server: POST /reverse, GET /status, GET /token. */
export const testAdapter = defineAdapter({
  id: 'test-pay',
  displayName: 'Test Pay',
  capabilities: { partialReversal: true, resultDelivery: 'sync', currencies: ['TZS'], statusCheck: true, statusDelivery: 'sync' },
  requestRules: DEFAULT_REQUEST_RULES,
  optionsSchema: v.object({
    baseUrl: v.string(),
    apiKey: v.string(),
    timeoutMs: v.optional(v.number(), 2_000),
    onEvent: v.optional(v.any()),
  }),
  environment: { apiKey: { name: 'TEST_PAY_API_KEY', description: 'The API key.', secret: true } },
  connect: (options, context) => {
    const transport = context.transport(options.baseUrl);
    const read = (response: { status: number; body: unknown }): ProviderAnswer => {
      const body = response.body as { code?: string; receipt?: string } | undefined;
      if (response.status === 200 && body?.code === 'OK') return { status: 'succeeded', reversalTransactionId: body.receipt, raw: body };
      return {
        status: 'failed',
        error: { code: 'PROCESSING_ERROR', providerCode: body?.code ?? `HTTP_${response.status}`, message: `Refused: ${JSON.stringify(body)}`, retryable: false },
        raw: body,
      };
    };
    return {
      secrets: [options.apiKey],
      credentials: {
        transport,
        prepare: () => ({ request: { method: 'GET', path: '/token', headers: { authorization: `Basic ${Buffer.from(`user:${options.apiKey}`).toString('base64')}` } } }),
        read: (response) => {
          const body = response.body as { token?: string } | undefined;
          return body?.token
            ? { token: body.token, expiresInSeconds: 3600 }
            : { failure: { code: 'AUTHENTICATION_FAILED', providerCode: `HTTP_${response.status}`, message: 'Test Pay refused the credentials.', retryable: false, raw: response.body } };
        },
        authorize: (token) => ({ authorization: `Bearer ${token}` }),
        rejected: (response) => response.status === 401,
      },
      reversal: {
        transport,
        prepare: (request) => ({
          request: { method: 'POST', path: '/reverse', body: { receipt: request.transactionId, amount: request.amount, ref: request.reference, key: options.apiKey } },
          providerRequestId: `TP-${request.reference}`,
        }),
        read: (response) => read(response),
      },
      status: {
        transport,
        prepare: (query) => ({ request: { method: 'GET', path: '/status', query: { ref: query.reference } } }),
        read: (response) => read(response),
      },
    };
  },
});
