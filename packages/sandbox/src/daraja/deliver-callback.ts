import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** One callback the simulator sent (or tried to send). */
export interface CallbackDelivery {
  /** `result` to the ResultURL, `queue-timeout` to the QueueTimeOutURL. */
  readonly kind: 'result' | 'queue-timeout';
  /** The URL it was POSTed to, exactly as given in the request. */
  readonly url: string;
  /** The JSON body sent. */
  readonly body: unknown;
  /** The receiver's HTTP status, when it answered. */
  readonly status?: number;
  /** Why delivery failed (connection refused, timeout), when it did. */
  readonly error?: string;
}

/**
 * POSTs a callback body as JSON and reports how it went. Never rejects: a receiver that is down
 * or slow must not crash the simulator (real Daraja just gives up).
 */
export function deliverCallback(url: string, body: unknown, timeoutMs: number): Promise<{ status?: number; error?: string }> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ error: 'invalid URL' });
      return;
    }
    const text = JSON.stringify(body);
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
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error) => resolve({ error: error.message }));
    request.end(text);
  });
}
