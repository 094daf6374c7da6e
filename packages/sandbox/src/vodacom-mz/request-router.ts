import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleReversal } from './handle-reversal.js';
import { handleStatus } from './handle-status.js';
import { readBody } from './http-server.js';
import type { Outcome, SimulatorContext } from './simulator-context.js';
import type { VodacomMzScenario } from './vodacom-mz-scenario.js';
import type { RecordedVodacomMzRequest } from './vodacom-mz-simulator.js';
import { writeResponse } from './write-response.js';

const MAX_BODY_BYTES = 64 * 1024;
const MAX_RECORDED_REQUESTS = 200;
const ROUTES = {
  reversal: { method: 'PUT', path: '/ipg/v1x/reversal/' },
  status: { method: 'GET', path: '/ipg/v1x/queryTransactionStatus/' },
} as const;

/** The request handlers of a simulator, one per API, and what they share. */
export interface RequestRouter {
  /** The `node:http` handler of one API's server: only that API's path answers on its port. */
  serve(operation: 'reversal' | 'status'): (request: IncomingMessage, response: ServerResponse) => void;
  /** The last 200 requests received, oldest first. */
  readonly requests: readonly RecordedVodacomMzRequest[];
  /** Cancels the answers still waiting for their `delayMs`. */
  cancelLateAnswers(): void;
}

/** Builds the router: routing, request recording (bounded), and delivery with scenario delays. */
export function createRequestRouter(context: SimulatorContext): RequestRouter {
  const requests: RecordedVodacomMzRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const deliver = (response: ServerResponse, outcome: Outcome, scenario: VodacomMzScenario | undefined) => {
    const delivery = { ...outcome, rawBody: scenario?.rawBody, malformedHeader: scenario?.malformedHeader };
    if (!scenario?.delayMs) return writeResponse(response, delivery);
    const timer = setTimeout(() => {
      timers.delete(timer);
      writeResponse(response, delivery);
    }, scenario.delayMs);
    timers.add(timer);
  };

  const handle = async (operation: 'reversal' | 'status', request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://simulator');
    const route = ROUTES[operation];
    if (url.pathname !== route.path) return writeResponse(response, { status: 404, body: { error: 'Not Found' } });
    if (request.method !== route.method) return writeResponse(response, { status: 405, body: { error: 'Method Not Allowed' } });
    const text = await readBody(request, MAX_BODY_BYTES);
    if (text === undefined) return writeResponse(response, { status: 413, body: { error: 'Payload Too Large' } });
    let body: unknown = text;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Recorded as text.
    }
    if (requests.length >= MAX_RECORDED_REQUESTS) requests.shift();
    const query = Object.fromEntries(url.searchParams);
    requests.push({ operation, method: request.method, path: url.pathname, query, headers: { ...request.headers }, body });
    const authorization = request.headers.authorization;
    const { outcome, scenario } =
      operation === 'reversal'
        ? handleReversal(context, authorization, text)
        : handleStatus(context, authorization, url.searchParams);
    deliver(response, outcome, scenario);
  };

  return {
    serve: (operation) => (request, response) => {
      handle(operation, request, response).catch(() => {
        if (response.headersSent) response.destroy();
        else writeResponse(response, { status: 500, body: { error: 'Simulator failure' } });
      });
    },
    requests,
    cancelLateAnswers() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
