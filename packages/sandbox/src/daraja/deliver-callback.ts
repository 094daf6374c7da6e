import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { CallbackDelivery } from '../simulator.js';

/**
 * Which Daraja callback: a reversal's `result` (to its ResultURL) or `queue-timeout` (to its
 * QueueTimeOutURL); a Transaction Status query's `status-result` or `status-queue-timeout`.
 */
export type DarajaCallbackKind = 'result' | 'queue-timeout' | 'status-result' | 'status-queue-timeout';

/** One callback the Daraja simulator sent (or tried to send). */
export type DarajaCallbackDelivery = CallbackDelivery<DarajaCallbackKind>;

/**
 * POSTs a callback body as JSON (a string as it is: a deliberately malformed body) and reports how it went. Never rejects: a receiver that is down
 * or slow must not crash the simulator, which does not retry. `signal` aborts it (on close).
 */
export function deliverCallback(
  url: string,
  body: unknown,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<{ status?: number; error?: string }> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ error: 'invalid URL' });
      return;
    }
    if (signal?.aborted) {
      resolve({ error: 'simulator closed' });
      return;
    }
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(
      target,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
        timeout: timeoutMs,
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
        response.on('error', (error) => resolve({ error: error.message }));
      },
    );
    const abort = () => request.destroy(new Error('simulator closed'));
    signal?.addEventListener('abort', abort, { once: true });
    request.on('close', () => signal?.removeEventListener('abort', abort));
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error) => resolve({ error: error.message }));
    request.end(text);
  });
}
