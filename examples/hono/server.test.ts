import { getRequestListener } from '@hono/node-server';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { lastDelivery, type RoundTrip, redeliverLastCallback, startRoundTrip } from '../support/round-trip.js';
import { createApp } from './server.js';

let roundTrip: RoundTrip;
beforeEach(async () => {
  roundTrip = await startRoundTrip();
});
afterEach(() => roundTrip.close());

it('Hono: the Daraja simulator’s callback reaches onResult as a normalised result', async () => {
  const { server, sandbox } = roundTrip;
  // What `serve()` does, on the loopback server the provider's resultUrl already points at.
  server.serve(getRequestListener(createApp(sandbox.provider, roundTrip.onResult).fetch));

  const transactionId = sandbox.pay(1);
  const received = roundTrip.nextResult();
  const pending = await sandbox.provider.reverse({ transactionId, amount: '1.00', reference: 'HONO0001' });

  expect(await received).toMatchObject({
    provider: 'safaricom-ke',
    status: 'succeeded',
    reference: 'HONO0001',
    originalTransactionId: transactionId,
    conversationId: pending.conversationId,
    amount: { value: '1.00', currency: 'KES' },
    completedAt: expect.any(Date),
  });
  expect(await lastDelivery(roundTrip)).toMatchObject({ kind: 'result', status: 200 });
  expect(await (await redeliverLastCallback(roundTrip)).json()).toEqual({ ResultCode: 0, ResultDesc: 'Accepted' });
  expect((await redeliverLastCallback(roundTrip, (url) => url.searchParams.delete('token'))).status).toBe(401);
  expect(roundTrip.results).toHaveLength(1);
});
