// pnpm tsx examples/nextjs/demo.ts — the two route handlers served as Next.js would, against the
// local Daraja simulator: POST /refunds reverses a payment; the simulator's callback reaches
// POST /mpesa/reversal/result; /refunds answers the outcome.
import { serve } from '@hono/node-server';
import { startDarajaSandbox } from '../support/daraja-sandbox.js';

const port = Number(process.env.PORT ?? 3000);
const sandbox = await startDarajaSandbox(`http://127.0.0.1:${port}/mpesa/reversal/result`);
Object.assign(process.env, sandbox.environment);
// Imported once the environment is set: lib/reversals.ts reads it on load, like a Next.js server does.
const resultRoute = await import('./app/mpesa/reversal/result/route.js');
const refundsRoute = await import('./app/refunds/route.js');
const { provider } = await import('./lib/reversals.js');

const server = serve({
  port,
  hostname: '127.0.0.1',
  fetch: (request) =>
    new URL(request.url).pathname === '/refunds' ? refundsRoute.POST(request) : resultRoute.POST(request),
});
try {
  const transactionId = sandbox.pay(200);
  const response = await fetch(`http://127.0.0.1:${port}/refunds`, {
    method: 'POST',
    body: JSON.stringify({ transactionId, amount: '200.00' }),
  });
  console.log(`Next.js route handlers: POST /refunds → ${response.status}`, await response.json());
} finally {
  await new Promise((resolve) => server.close(resolve));
  await provider.close?.();
  await sandbox.close();
}
