import { afterEach, beforeEach, expect, it } from 'vitest';
import { lastDelivery, type RoundTrip, redeliverLastCallback, startRoundTrip } from '../support/round-trip.js';
import { createApp } from './server.js';

let roundTrip: RoundTrip;
beforeEach(async () => {
  roundTrip = await startRoundTrip();
});
afterEach(() => roundTrip.close());

it('Fastify: the Daraja simulator’s callback reaches onResult as a normalised result', async () => {
  const { server, sandbox } = roundTrip;
  const app = createApp(sandbox.provider, roundTrip.onResult);
  await app.ready();
  // Fastify's own router as the listener of the loopback server (Fastify's `routing`, as in its serverFactory docs).
  server.serve((request, response) => app.routing(request, response));

  const transactionId = sandbox.pay(350);
  const received = roundTrip.nextResult();
  const pending = await sandbox.provider.reverse({ transactionId, amount: 350 });

  expect(await received).toMatchObject({
    provider: 'safaricom-ke',
    status: 'succeeded',
    reference: pending.reference,
    originalTransactionId: transactionId,
    amount: { value: '350.00', currency: 'KES' },
  });
  expect(await lastDelivery(roundTrip)).toMatchObject({ kind: 'result', status: 200 });
  expect(await (await redeliverLastCallback(roundTrip)).json()).toEqual({ ResultCode: 0, ResultDesc: 'Accepted' });
  expect((await redeliverLastCallback(roundTrip, (url) => url.searchParams.set('token', 'forged'))).status).toBe(401);
  expect(roundTrip.results).toHaveLength(1);
  await app.close();
});
