import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP server already listening on loopback, whose request listener is given later. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`: known before the app exists, so the provider's resultUrl can point here. */
  readonly origin: string;
  /** Hands every request to `listener` (an Express app, Fastify's router, Hono's request listener…). */
  serve(listener: RequestListener): void;
  close(): Promise<void>;
}

/** Listens on an ephemeral loopback port first, so that tests never race for a port. */
export async function startLoopbackServer(): Promise<LoopbackServer> {
  let listener: RequestListener = (_request, response) => response.writeHead(503).end();
  const server = createServer((request, response) => listener(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    serve(next) {
      listener = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
