import { createCallbackHandler, type ReversalProvider, type ReversalResult } from '@reversal/core';
import express, { type Express } from 'express';
import { isMain, runDemo } from '../support/run-demo.js';

/**
 * An Express app that receives reversal results at POST /mpesa/reversal/result, the provider's
 * `resultUrl`. `onResult` is your code: mark the order refunded, tell the customer.
 */
export function createApp(provider: ReversalProvider, onResult: (result: ReversalResult) => Promise<void>): Express {
  const callbacks = createCallbackHandler({ provider, onResult });
  const app = express();
  // No express.json() in front of it: the handler reads the body itself, size-limited, JSON whatever the content type.
  app.post('/mpesa/reversal/result', callbacks.node);
  return app;
}

// pnpm tsx examples/express/server.ts — one reversal against the local Daraja simulator.
if (isMain(import.meta.url)) {
  await runDemo('Express', async (provider, onResult, port) => {
    const server = createApp(provider, onResult).listen(port, '127.0.0.1');
    return () => new Promise((resolve) => server.close(() => resolve()));
  });
}
