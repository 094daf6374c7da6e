import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the scripted server received. */
export interface ScriptedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** One scripted answer. */
export interface ScriptedAnswer {
  readonly status: number;
  readonly body: string;
  /** Default `application/json`. */
  readonly contentType?: string;
}

/** An answer for each request to one path. */
export type Script = (request: ScriptedRequest) => ScriptedAnswer;

/** The paths Daraja serves (the adapter's only two calls). */
export const DARAJA_PATHS = { oauth: '/oauth/v1/generate', reversal: '/mpesa/reversal/v1/request' } as const;

/** A good OAuth answer with `token`. */
export const tokenAnswer =
  (token = 'scripted-access-token-5f2a9c'): Script =>
  () => ({ status: 200, body: JSON.stringify({ access_token: token, expires_in: '3599' }) });

/** Echoes the request back, as a gateway error page might: its headers and body, as JSON or HTML. */
export const echo =
  (status: number, as: 'json' | 'html'): Script =>
  (request) =>
    as === 'json'
      ? { status, body: JSON.stringify({ echoed: { url: request.url, headers: request.headers, body: request.body } }) }
      : {
          status,
          contentType: 'text/html',
          body: `<html><body><h1>${status}</h1><pre>${request.url}\n${JSON.stringify(request.headers)}\n${request.body}</pre></body></html>`,
        };

/** A loopback server standing in for Daraja, answering each path as a test scripts it (tests only). */
export interface ScriptedDaraja {
  readonly url: string;
  readonly requests: ScriptedRequest[];
  /** Answers requests to `path` with `script` from now on. */
  answer(path: string, script: Script): void;
  close(): Promise<void>;
}

/** Starts a {@link ScriptedDaraja} that hands out a token and answers reversals with 404 until scripted. */
export async function startScriptedDaraja(): Promise<ScriptedDaraja> {
  const scripts = new Map<string, Script>([[DARAJA_PATHS.oauth, tokenAnswer()]]);
  const requests: ScriptedRequest[] = [];
  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request = { method: incoming.method ?? '', url: incoming.url ?? '/', headers: incoming.headers, body: Buffer.concat(chunks).toString() };
      requests.push(request);
      const script = scripts.get(request.url.split('?')[0]!);
      const answer = script ? script(request) : { status: 404, body: '{}' };
      response.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    answer: (path, script) => scripts.set(path, script),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
