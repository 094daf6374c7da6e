import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallbackAnswer } from './callback-handler.js';

/**
 * Writes an answer to a Node response, unless the connection is gone or something else already
 * answered. When the answer says `connection: close` (a body left unread), the request is
 * destroyed once the answer is out rather than read to its end.
 */
export function writeNodeAnswer(request: IncomingMessage, response: ServerResponse, answer: CallbackAnswer): void {
  if (response.headersSent || response.writableEnded || response.destroyed) return;
  if (answer.headers.connection === 'close') {
    response.once('finish', () => request.destroy());
  }
  response.writeHead(answer.status, { ...answer.headers, 'content-length': String(Buffer.byteLength(answer.body)) });
  response.end(answer.body);
}

/** The full URL of a Node request: Express's `originalUrl` survives mounting, `req.url` does not. */
export function nodeRequestUrl(request: IncomingMessage): string {
  const path = (request as IncomingMessage & { originalUrl?: unknown }).originalUrl;
  const target = typeof path === 'string' ? path : (request.url ?? '/');
  const host = request.headers.host;
  const origin = typeof host === 'string' && /^[\w.-]+(?::\d+)?$|^\[[\d:a-fA-F.]+\](?::\d+)?$/.test(host) ? host : 'localhost';
  const scheme = (request.socket as { encrypted?: boolean } | undefined)?.encrypted ? 'https' : 'http';
  return `${scheme}://${origin}${target.startsWith('/') ? target : `/${target}`}`;
}
