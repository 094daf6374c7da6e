import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Handles one request of a simulator; a thrown error answers 500 (or drops a half-sent answer). */
export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

/** A running loopback HTTP server. */
export interface RunningHttpServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  /** Stops accepting connections and destroys the open ones (keep-alive included). */
  close(): Promise<void>;
}

/**
 * Starts a real `node:http` server on 127.0.0.1, on `port` or an ephemeral one, for simulators.
 *
 * A handler that throws never crashes the process: the client gets a 500, or its socket is
 * destroyed when the answer had already started.
 */
export async function startHttpServer(handler: RequestHandler, port = 0): Promise<RunningHttpServer> {
  const server = createServer((request, response) => {
    Promise.resolve()
      .then(() => handler(request, response))
      .catch(() => {
        if (response.headersSent) response.destroy();
        else sendJson(response, 500, { errorCode: 'SIMULATOR', errorMessage: 'Simulator handler failed' });
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Writes a JSON answer with its length, the way Daraja's gateway does. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json;charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Reads a request body as text, or `undefined` when it is larger than `limitBytes`. */
export async function readTextBody(request: IncomingMessage, limitBytes = 64 * 1024): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
