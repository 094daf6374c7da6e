import type { IncomingHttpHeaders } from 'node:http';
import { readTextBody, type RunningHttpServer, sendJson, startHttpServer } from './http-server.js';

/** One callback a {@link CallbackRecorder} received. */
export interface RecordedCallback {
  /** The full URL it was delivered to, query included (`http://127.0.0.1:…/result?reference=…`). */
  readonly url: string;
  /** The request headers. */
  readonly headers: IncomingHttpHeaders;
  /** The raw body text. */
  readonly body: string;
}

/** A loopback endpoint that records the callbacks POSTed to it; a stand-in for a merchant's server. */
export interface CallbackRecorder {
  /** The base URL (`http://127.0.0.1:<port>`); any path under it is recorded. */
  readonly url: string;
  /** Every callback received so far (the last 1,000), oldest first. */
  received(): readonly RecordedCallback[];
  /**
   * Resolves with the first callback (already received or still to come) that `match` accepts;
   * rejects after `timeoutMs` (default 10,000).
   */
  waitFor(match?: (callback: RecordedCallback) => boolean, timeoutMs?: number): Promise<RecordedCallback>;
  /** Stops the server. */
  close(): Promise<void>;
}

/**
 * Starts a callback endpoint on 127.0.0.1 that answers every POST with
 * `{ ResultCode: 0, ResultDesc: "Accepted" }` (or `status`, to simulate a failing receiver).
 *
 * @example
 * const recorder = await startCallbackRecorder();
 * // resultUrl: `${recorder.url}/mpesa/result`
 * const callback = await recorder.waitFor((c) => c.url.includes('reference=ORDER1'));
 */
export async function startCallbackRecorder(options: { readonly status?: number } = {}): Promise<CallbackRecorder> {
  const received: RecordedCallback[] = [];
  const waiters = new Set<(callback: RecordedCallback) => boolean>();
  let server: RunningHttpServer | undefined;
  server = await startHttpServer(async (request, response) => {
    const body = (await readTextBody(request, 1024 * 1024)) ?? '';
    const callback = { url: `${server?.url}${request.url ?? '/'}`, headers: request.headers, body };
    received.push(callback);
    if (received.length > 1000) received.shift();
    for (const waiter of [...waiters]) if (waiter(callback)) waiters.delete(waiter);
    sendJson(response, options.status ?? 200, { ResultCode: 0, ResultDesc: 'Accepted' });
  });
  const running = server;
  return {
    url: running.url,
    received: () => [...received],
    waitFor(match = () => true, timeoutMs = 10_000) {
      const found = received.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`No matching callback within ${timeoutMs} ms (${received.length} received)`));
        }, timeoutMs);
        const waiter = (callback: RecordedCallback) => {
          if (!match(callback)) return false;
          clearTimeout(timer);
          resolve(callback);
          return true;
        };
        waiters.add(waiter);
      });
    },
    close: () => running.close(),
  };
}
