import { afterEach, beforeEach, expect, it } from 'vitest';
import { lastDelivery, type RoundTrip, redeliverLastCallback, startRoundTrip } from '../support/round-trip.js';
import { createApp } from './server.js';

let roundTrip: RoundTrip;
beforeEach(async () => {
  roundTrip = await startRoundTrip();
});
afterEach(() => roundTrip.close());

it('Express: the Daraja simulator’s callback reaches onResult as a normalised result', async () => {
  const { server, sandbox } = roundTrip;
  server.serve(createApp(sandbox.provider, roundTrip.onResult));

  const transactionId = sandbox.pay(200);
  const received = roundTrip.nextResult();
  const pending = await sandbox.provider.reverse({ transactionId, amount: '200.00' });
  expect(pending.status).toBe('pending');

  expect(await received).toMatchObject({
    provider: 'safaricom-ke',
    status: 'succeeded',
    reference: pending.reference,
    originalTransactionId: transactionId,
    reversalTransactionId: sandbox.daraja.transaction(transactionId)?.reversalTransactionId,
    amount: { value: '200.00', currency: 'KES' },
  });
  expect(await lastDelivery(roundTrip)).toMatchObject({ kind: 'result', status: 200 });

  // Daraja delivering the same callback again does not reach onResult twice; a forged one is refused.
  expect((await redeliverLastCallback(roundTrip)).status).toBe(200);
  expect(await (await redeliverLastCallback(roundTrip)).json()).toEqual({ ResultCode: 0, ResultDesc: 'Accepted' });
  expect((await redeliverLastCallback(roundTrip, (url) => url.searchParams.delete('token'))).status).toBe(401);
  expect(roundTrip.results).toHaveLength(1);
});
