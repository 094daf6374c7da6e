import { STATUS_CODES, type ServerResponse } from 'node:http';

/** How to deliver one answer. */
export interface Delivery {
  readonly status: number;
  /** The JSON body, or the raw text to send instead. */
  readonly body: unknown;
  readonly rawBody?: string | undefined;
  readonly malformedHeader?: boolean | undefined;
}

/**
 * Writes an answer. A malformed header cannot be written through `ServerResponse` (Node validates
 * header values), so that answer is written as raw bytes on the socket, then the connection closes.
 */
export function writeResponse(response: ServerResponse, delivery: Delivery): void {
  if (response.destroyed || response.socket === null) return;
  const text = delivery.rawBody ?? JSON.stringify(delivery.body);
  if (delivery.malformedHeader) {
    const reason = STATUS_CODES[delivery.status] ?? 'Unknown';
    const head =
      `HTTP/1.1 ${delivery.status} ${reason}\r\n` +
      'Content-Type: application/json;charset=UTF-8\r\n' +
      // A control character inside a header value: llhttp (undici) rejects the whole response.
      'X-Gateway-Trace: ipg\u0001node7\r\n' +
      `Content-Length: ${Buffer.byteLength(text)}\r\n` +
      'Connection: close\r\n\r\n';
    response.socket.end(Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(text)]));
    return;
  }
  response.writeHead(delivery.status, {
    'content-type': 'application/json;charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
