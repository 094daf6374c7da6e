import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listen, readBody } from '../vodacom-mz/http-server.js';
import { type AcmeMoneyAnswer, answer, createAcmeMoneyLedger } from './acme-money-ledger.js';
import type { AcmeMoneySimulator, AcmeMoneySimulatorOptions, RecordedAcmeMoneyRequest } from './acme-money-simulator.js';

const MAX_BODY_BYTES = 64 * 1024;
const MAX_REQUESTS = 200;
const REFERENCE = /^[A-Za-z0-9]{1,20}$/;
const TRANSACTION_ID = /^AM[0-9]{8}$/;
const AMOUNT = /^(?!0+\.00$)\d{1,12}\.\d{2}$/;

/** Why a reversal body is refused (`A005`), or `undefined` when it is well formed. */
function invalidField(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return 'the body must be a JSON object';
  const { reference, transactionId, amount, reason } = body as Record<string, unknown>;
  if (typeof reference !== 'string' || !REFERENCE.test(reference)) return 'reference: 1-20 letters and digits';
  if (typeof transactionId !== 'string' || !TRANSACTION_ID.test(transactionId)) return 'transactionId: "AM" and 8 digits';
  if (amount !== undefined && (typeof amount !== 'string' || !AMOUNT.test(amount))) return 'amount: a positive amount with two decimals';
  if (reason !== undefined && (typeof reason !== 'string' || reason.length < 1 || reason.length > 140)) return 'reason: 1-140 characters';
  return undefined;
}

/**
 * Starts a simulator of the Acme Money reversal API (an imaginary provider: the one
 * `@reversal/adapter-template` talks to) on 127.0.0.1. Resolves once it listens.
 *
 * - `POST /v1/reversals` `{ reference, transactionId, amount?, reason? }` reverses from its ledger;
 *   the same reference answers the same again (`A007` for another payment).
 * - `GET /v1/reversals/{reference}` answers what that reversal request got, `A006` when none.
 * - `Authorization: Bearer <apiKey>` on every call (`A401` otherwise).
 *
 * @example
 * const acme = await startAcmeMoneySimulator();
 * const { transactionId } = acme.addTransaction({ amount: '200.00' });
 * const provider = createAcmeMoneyProvider(acme.providerOptions);
 * await provider.reverse({ transactionId, amount: '50.00' }); // succeeded; 150.00 remaining
 * await acme.close();
 */
export async function startAcmeMoneySimulator(options: AcmeMoneySimulatorOptions = {}): Promise<AcmeMoneySimulator> {
  const apiKey = options.apiKey ?? randomBytes(18).toString('base64url');
  const ledger = createAcmeMoneyLedger();
  const received: RecordedAcmeMoneyRequest[] = [];
  const held = new Set<NodeJS.Timeout>();

  const send = (response: ServerResponse, { status, body }: AcmeMoneyAnswer, delayMs = 0) => {
    const write = () => {
      if (!response.destroyed) response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (delayMs <= 0) return write();
    const timer = setTimeout(() => {
      held.delete(timer);
      write();
    }, delayMs);
    held.add(timer);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const text = await readBody(request, MAX_BODY_BYTES);
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const authorized = request.headers.authorization === `Bearer ${apiKey}`;
    const path = new URL(request.url ?? '/', 'http://simulator').pathname;
    received.push({ method: request.method ?? 'GET', path, ...(body !== undefined ? { body } : {}), authorized });
    if (received.length > MAX_REQUESTS) received.shift();

    if (!authorized) return send(response, answer('A401', 'The API key is not valid.'));
    if (request.method === 'POST' && path === '/v1/reversals') {
      if (text === undefined) return send(response, answer('A005', 'The body is too large.'));
      const problem = invalidField(body);
      if (problem) return send(response, answer('A005', `Invalid request: ${problem}.`));
      const { reference, transactionId, amount } = body as { reference: string; transactionId: string; amount?: string };
      return send(response, ledger.reverse(reference, transactionId, amount), ledger.scenario(transactionId)?.delayMs);
    }
    const status = /^\/v1\/reversals\/([^/]+)$/.exec(path);
    if (request.method === 'GET' && status) return send(response, ledger.status(decodeURIComponent(status[1]!)));
    return send(response, { status: 404, body: { code: 'A005', message: `No route ${request.method} ${path}.` } });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => send(response, answer('A500', 'The simulator failed.')));
  });
  await listen(server, options.port ?? 0);
  const baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  return {
    baseUrl,
    apiKey,
    providerOptions: Object.freeze({ apiKey, baseUrl }),
    environment: Object.freeze({ REVERSAL_PROVIDER: 'acme-money', ACME_MONEY_API_KEY: apiKey, ACME_MONEY_BASE_URL: baseUrl }),
    addTransaction: (input) => ledger.add(input),
    transaction: (transactionId) => ledger.get(transactionId),
    requests: () => [...received],
    async close() {
      for (const timer of held) clearTimeout(timer);
      held.clear();
      await closeServer(server);
    },
  };
}
