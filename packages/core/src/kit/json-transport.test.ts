import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { createEventEmitter, type ReversalEvent } from './events.js';
import { createJsonTransport, type JsonTransport } from './json-transport.js';

const schema = v.object({ ok: v.boolean() });
const servers: (Server | TcpServer)[] = [];
const transports: JsonTransport[] = [];

afterEach(async () => {
  await Promise.all(transports.splice(0).map((transport) => transport.close()));
  for (const server of servers.splice(0)) {
    (server as Server).closeAllConnections?.();
    server.close();
  }
});

async function listen(server: Server | TcpServer): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function transportFor(baseUrl: string, timeoutMs = 2_000, events?: ReversalEvent[]) {
  const transport = createJsonTransport({
    baseUrl,
    providerId: 'test',
    timeoutMs,
    ...(events ? { events: createEventEmitter((event) => events.push(event)) } : {}),
  });
  transports.push(transport);
  return transport;
}

const call = { operation: 'test', method: 'POST', path: '/x', body: { a: 1 }, schema } as const;

describe('createJsonTransport over real HTTP', () => {
  it('returns the validated body, status and headers of a JSON response', async () => {
    let received = '';
    const url = await listen(
      createServer((request, response) => {
        let body = '';
        request.on('data', (chunk) => (body += chunk));
        request.on('end', () => {
          received = `${request.method} ${request.url} ${request.headers['content-type']} ${body}`;
          response.writeHead(201, { 'content-type': 'text/plain', 'x-test': 'yes' }).end('{"ok":true}');
        });
      }),
    );
    const outcome = await transportFor(`${url}/base/`).request({ ...call, query: { a: 'b c' } });
    expect(outcome).toMatchObject({ kind: 'response', status: 201, body: { ok: true }, headers: { 'x-test': 'yes' } });
    expect(received).toBe('POST /base/x?a=b+c application/json {"a":1}');
  });

  it('classifies a refused connection as not sent', async () => {
    const server = createServer();
    const url = await listen(server);
    server.close();
    servers.length = 0;
    const outcome = await transportFor(url).request(call);
    expect(outcome).toMatchObject({ kind: 'not-sent', code: 'ECONNREFUSED' });
  });

  it('classifies a server that stalls past the timeout as maybe sent (timeout)', async () => {
    const url = await listen(createServer(() => {}));
    const outcome = await transportFor(url, 300).request(call);
    expect(outcome).toMatchObject({ kind: 'maybe-sent', reason: 'timeout', code: 'TIMEOUT' });
  });

  it('classifies a connection reset mid-body as maybe sent (connection lost)', async () => {
    const url = await listen(
      createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        response.write('{"ok":');
        setTimeout(() => response.socket?.destroy(), 20);
      }),
    );
    const outcome = await transportFor(url).request(call);
    expect(outcome).toMatchObject({ kind: 'maybe-sent', reason: 'connection-lost', status: 200 });
  });

  it('classifies a 500 with an HTML page as maybe sent (invalid response), keeping status and text', async () => {
    const url = await listen(
      createServer((_request, response) => {
        response.writeHead(500, { 'content-type': 'text/html' }).end('<html><body>Internal error</body></html>');
      }),
    );
    const outcome = await transportFor(url).request(call);
    expect(outcome).toMatchObject({ kind: 'maybe-sent', reason: 'invalid-response', status: 500 });
    expect(outcome.kind === 'maybe-sent' && outcome.text).toContain('Internal error');
  });

  it('classifies invalid JSON and a body of the wrong shape as maybe sent (invalid response)', async () => {
    const bodies = ['{"ok": tru', '{"ok":"yes"}', '[1,2]', ''];
    const url = await listen(
      createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' }).end(bodies.shift());
      }),
    );
    const transport = transportFor(url);
    for (let index = 0; index < 4; index++) {
      const outcome = await transport.request(call);
      expect(outcome).toMatchObject({ kind: 'maybe-sent', reason: 'invalid-response', code: 'INVALID_RESPONSE' });
    }
  });

  it('classifies a header byte that the HTTP parser rejects as maybe sent, without crashing', async () => {
    const url = await listen(
      createTcpServer((socket) => {
        socket.once('data', () => {
          socket.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Bad: a\u0001b\r\nContent-Length: 11\r\n\r\n{"ok":true}');
        });
      }),
    );
    const outcome = await transportFor(url).request(call);
    expect(outcome).toMatchObject({ kind: 'maybe-sent', reason: 'invalid-response' });
    expect(outcome.kind === 'maybe-sent' && outcome.code).toMatch(/^HPE_/);
  });

  it('rejects without sending when the signal is already aborted', async () => {
    let requests = 0;
    const url = await listen(createServer((_request, response) => {
        requests++;
        response.end('{"ok":true}');
      }));
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(transportFor(url).request({ ...call, signal: controller.signal })).rejects.toThrow('stop');
    expect(requests).toBe(0);
  });

  it('reports an abort after sending as maybe sent (aborted)', async () => {
    const url = await listen(createServer(() => {}));
    const controller = new AbortController();
    const pending = transportFor(url).request({ ...call, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    expect(await pending).toMatchObject({ kind: 'maybe-sent', reason: 'aborted' });
  });

  it('does not read a body beyond the size limit', async () => {
    const url = await listen(
      createServer((_request, response) => response.end(JSON.stringify({ ok: true, pad: 'x'.repeat(5000) }))),
    );
    const transport = createJsonTransport({ baseUrl: url, providerId: 't', timeoutMs: 2000, maxResponseBytes: 1000 });
    transports.push(transport);
    expect(await transport.request(call)).toMatchObject({ kind: 'maybe-sent', reason: 'invalid-response' });
  });

  it('reports each exchange as request and response events', async () => {
    const url = await listen(createServer((_request, response) => response.end('{"ok":true}')));
    const events: ReversalEvent[] = [];
    await transportFor(url, 2000, events).request({ ...call, query: { secret: 'hidden' } });
    expect(events.map((event) => event.type)).toEqual(['request', 'response']);
    expect(events[0]).toMatchObject({ provider: 'test', operation: 'test', method: 'POST', url: `${url}/x` });
    expect(events[1]).toMatchObject({ outcome: 'response', status: 200 });
    expect(JSON.stringify(events)).not.toContain('hidden');
  });

  it('keeps connections alive between calls', async () => {
    const sockets = new Set<unknown>();
    const url = await listen(
      createServer((request, response) => {
        sockets.add(request.socket);
        response.end('{"ok":true}');
      }),
    );
    const transport = transportFor(url);
    for (let index = 0; index < 5; index++) await transport.request(call);
    expect(sockets.size).toBeLessThan(5);
  });
});
