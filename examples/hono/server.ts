import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createCallbackHandler, type ReversalProvider, type ReversalResult } from '@reversal/core';
import { Hono } from 'hono';
import { isMain, runDemo } from '../support/run-demo.js';

/**
 * A Hono app that receives reversal results at POST /mpesa/reversal/result, the provider's
 * `resultUrl`. `onResult` is your code: mark the order refunded, tell the customer.
 */
export function createApp(provider: ReversalProvider, onResult: (result: ReversalResult) => Promise<void>): Hono {
  const callbacks = createCallbackHandler({ provider, onResult });
  const app = new Hono();
  // The web-standard handler takes the raw Request; the peer's address matters once you set an allowList.
  app.post('/mpesa/reversal/result', (c) => callbacks.fetch(c.req.raw, { remoteAddress: getConnInfo(c).remote.address }));
  return app;
}

// pnpm tsx examples/hono/server.ts — one reversal against the local Daraja simulator.
if (isMain(import.meta.url)) {
  await runDemo('Hono', async (provider, onResult, port) => {
    const server = serve({ fetch: createApp(provider, onResult).fetch, port, hostname: '127.0.0.1' });
    return () => new Promise((resolve) => server.close(() => resolve()));
  });
}
