// A gateway that echoes every request back (headers and body), as misconfigured proxies and some
// error pages do: the harshest test of secret scrubbing. Not part of the public surface.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the echo server answers: a Vodacom-like JSON body or an HTML page, with this HTTP status. */
export interface EchoAnswer {
  readonly kind: 'json' | 'html';
  readonly status: number;
}

/** A running echo server; `answer` can be changed between requests. */
export interface EchoServer {
  readonly baseUrl: string;
  readonly port: number;
  answer: EchoAnswer;
  /** The `Authorization` header of each request received. */
  readonly authorizations: string[];
  close(): Promise<void>;
}

async function readText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts an echo server on an ephemeral port of 127.0.0.1. */
export async function startEchoServer(): Promise<EchoServer> {
  const authorizations: string[] = [];
  const server = createServer(async (request, response) => {
    const text = await readText(request);
    const authorization = request.headers.authorization ?? '';
    authorizations.push(authorization);
    const echo = {
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: text,
      urlEncoded: encodeURIComponent(text),
      base64: Buffer.from(text).toString('base64'),
    };
    const { kind, status } = state.answer;
    if (kind === 'html') {
      response.writeHead(status, { 'content-type': 'text/html' });
      response.end(`<html><body><h1>${status}</h1><pre>${JSON.stringify(echo, null, 2)}</pre></body></html>`);
      return;
    }
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        output_ResponseCode: status < 300 ? 'INS-0' : 'INS-1',
        output_ResponseDesc: `echo of ${authorization} ${text}`,
        output_ConversationID: 'echo',
        output_TransactionID: 'ECHO1',
        output_ResponseTransactionStatus: 'Completed',
        echo,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const state: EchoServer = {
    baseUrl: 'http://127.0.0.1',
    port,
    answer: { kind: 'json', status: 200 },
    authorizations,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return state;
}
