import { createCallbackHandler, type ReversalProvider, type ReversalResult } from '@reversal/core';
import Fastify, { type FastifyInstance } from 'fastify';
import { isMain, runDemo } from '../support/run-demo.js';

/**
 * A Fastify app that receives reversal results at POST /mpesa/reversal/result, the provider's
 * `resultUrl`. `onResult` is your code: mark the order refunded, tell the customer.
 */
export function createApp(provider: ReversalProvider, onResult: (result: ReversalResult) => Promise<void>): FastifyInstance {
  const callbacks = createCallbackHandler({ provider, onResult });
  const app = Fastify();
  app.register(async (scope) => {
    // In this scope only: take any body as raw bytes, so the handler reads JSON whatever the content type.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 65_536 }, (_request, body, done) => done(null, body));
    scope.post('/mpesa/reversal/result', async (request, reply) => {
      const answer = await callbacks.handle({
        url: request.url,
        headers: request.headers,
        body: request.body,
        remoteAddress: request.ip,
      });
      return reply.code(answer.status).headers(answer.headers).send(answer.body);
    });
  });
  return app;
}

// pnpm tsx examples/fastify/server.ts — one reversal against the local Daraja simulator.
if (isMain(import.meta.url)) {
  await runDemo('Fastify', async (provider, onResult, port) => {
    const app = createApp(provider, onResult);
    await app.listen({ port, host: '127.0.0.1' });
    return () => app.close();
  });
}
