import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCallbackHandler, type ReversalResult, ReversalCallbackError } from '@reversal/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCallbackToken } from './callback-token.js';
import type { SafaricomKeProvider } from './create-provider.js';
import { CANARY, type SimulatedDaraja, startSimulatedDaraja, statusCallbackFor as callbackOf, UNSIGNED } from './test-helpers/simulated-daraja.js';

// Transaction Status over real HTTP against the sandbox's Daraja: what settles a reversal, what
// leaves it where it was, and which status callbacks are refused.

let sim: SimulatedDaraja;
beforeAll(async () => {
  sim = await startSimulatedDaraja();
});
afterAll(() => sim.close());

const statusCallbackFor = (reference: string) => callbackOf(sim, reference);

/** Reverses, then asks for its status; returns what checkStatus and the status callback say. */
async function reverseThenCheck(provider: SafaricomKeProvider, reference: string, scenario: Parameters<typeof sim.daraja.addTransaction>[0]['scenario']) {
  const { transactionId } = sim.daraja.addTransaction({ amount: 200, scenario });
  const reversed = await provider.reverse({ transactionId, amount: 200, reference });
  const checked = await provider.checkStatus(reversed);
  const settled = await provider.parseCallback(await statusCallbackFor(reference));
  return { transactionId, reversed, checked, settled };
}

describe('checkStatus settles a silent reversal through Transaction Status', () => {
  it('a dropped callback (pending for ever): succeeded when the simulator applied it, with the reversal’s ids', async () => {
    const provider = sim.provider();
    const { transactionId, reversed, checked, settled } = await reverseThenCheck(provider, 'STDROP1', 'no-callback');
    expect(reversed.status).toBe('pending');
    expect(checked).toMatchObject({ status: 'pending', reference: 'STDROP1', providerRequestId: reversed.providerRequestId });
    expect(checked.conversationId).toBe(reversed.conversationId);
    expect(settled).toMatchObject({
      status: 'succeeded',
      reference: 'STDROP1',
      originalTransactionId: transactionId,
      providerRequestId: reversed.providerRequestId,
      conversationId: reversed.conversationId,
      reversalTransactionId: sim.daraja.transaction(transactionId)?.reversalTransactionId,
      amount: { value: '200.00', currency: 'KES' },
      metadata: { callback: 'status-result', transactionStatus: 'Completed' },
    });
    const query = sim.daraja.statusQueries().at(-1)?.validated;
    expect(query).toMatchObject({ OriginalConversationID: reversed.providerRequestId, PartyA: sim.daraja.shortCode, IdentifierType: '4' });
    expect(query?.TransactionID).toBeUndefined();
    expect(sim.daraja.requests().filter((request) => request.validated?.TransactionID === transactionId)).toHaveLength(1);
  });

  it('a reversal M-Pesa refused: failed by the status result, never succeeded', async () => {
    const { settled } = await reverseThenCheck(sim.provider(), 'STREFUSED1', 'insufficient-funds');
    expect(settled).toMatchObject({ status: 'failed', error: { providerCode: 'Declined', retryable: false } });
  });

  it('a queue timeout (unknown): succeeded when applied all the same, failed when it expired unapplied, never by a second reversal', async () => {
    const provider = sim.provider();
    for (const [scenario, reference, expected] of [
      ['queue-timeout-reversed', 'STQTREV1', 'succeeded'],
      ['queue-timeout', 'STQT1', 'failed'],
    ] as const) {
      const { transactionId } = sim.daraja.addTransaction({ amount: 200, scenario });
      await provider.reverse({ transactionId, amount: 200, reference });
      const timedOut = await provider.parseCallback(await sim.callbackFor(transactionId));
      expect(timedOut).toMatchObject({ status: 'unknown', error: { code: 'TIMEOUT' }, metadata: { callback: 'queue-timeout' } });
      expect(await provider.checkStatus(timedOut)).toMatchObject({ status: 'unknown', error: { code: 'TIMEOUT' } });
      const settled = await provider.parseCallback(await statusCallbackFor(reference));
      expect(settled).toMatchObject({ status: expected, reference, providerRequestId: timedOut.providerRequestId });
      expect(sim.daraja.requests().filter((request) => request.validated?.TransactionID === transactionId)).toHaveLength(1);
      if (expected === 'failed') expect(settled).toMatchObject({ error: { providerCode: 'Expired' } });
    }
  });

  it('queries by the reversal’s receipt when it is known', async () => {
    const provider = sim.provider();
    const { transactionId } = sim.daraja.addTransaction({ amount: 200 });
    const reversed = await provider.reverse({ transactionId, amount: 200, reference: 'STRECEIPT1' });
    const receipt = sim.daraja.transaction(transactionId)!.reversalTransactionId!;
    await provider.checkStatus({ ...reversed, reversalTransactionId: receipt, status: 'unknown' });
    expect(sim.daraja.statusQueries().at(-1)?.validated).toMatchObject({ TransactionID: receipt });
    expect(await provider.parseCallback(await statusCallbackFor('STRECEIPT1'))).toMatchObject({ status: 'succeeded', reversalTransactionId: receipt });
  });
});

describe('a lost acknowledgement (unknown, no Daraja id) is never failed, and succeeded only on evidence', () => {
  it('the status result by the payment’s receipt describes the payment: the reversal stays unknown', async () => {
    const provider = sim.provider();
    const { transactionId } = sim.daraja.addTransaction({ amount: 200, scenario: 'dropped-connection' });
    const lost = await provider.reverse({ transactionId, amount: 200, reference: 'STLOST1' });
    expect(lost.status).toBe('unknown');
    expect(lost.providerRequestId).toBeUndefined();
    const checked = await provider.checkStatus(lost);
    expect(checked.status).toBe('unknown');
    expect(sim.daraja.statusQueries().at(-1)?.validated).toMatchObject({ TransactionID: transactionId });
    const answered = await provider.parseCallback(await statusCallbackFor('STLOST1'));
    // Applied in the simulator, and the payment is Completed: still no evidence about the reversal.
    expect(sim.daraja.transaction(transactionId)?.reversalTransactionId).toBeDefined();
    expect(answered).toMatchObject({ status: 'unknown', metadata: { transactionStatus: 'Completed' } });
    expect(answered.status === 'unknown' && answered.error.message).toMatch(/describes the payment/);
  });

  it('while the query is in flight an unknown stays unknown, never pending', async () => {
    const provider = sim.provider();
    const { transactionId } = sim.daraja.addTransaction({ amount: 200, scenario: 'queue-timeout-reversed' });
    const reversed = await provider.reverse({ transactionId, amount: 200, reference: 'STINFLIGHT1' });
    const unknown = { ...reversed, status: 'unknown' as const };
    const checked = await provider.checkStatus(unknown);
    expect(checked).toMatchObject({ status: 'unknown', providerRequestId: reversed.providerRequestId });
    expect(await provider.parseCallback(await statusCallbackFor('STINFLIGHT1'))).toMatchObject({ status: 'succeeded' });
  });
});

describe('a refused or failed query leaves the reversal where it was', () => {
  it('2001 (no "Transaction Status query ORG API" role): pending stays pending, unknown stays unknown, the error says why', async () => {
    const noRole = await startSimulatedDaraja({ statusQueryRole: false });
    try {
      const provider = noRole.provider();
      const { transactionId } = noRole.daraja.addTransaction({ amount: 200, scenario: 'no-callback' });
      const reversed = await provider.reverse({ transactionId, amount: 200, reference: 'STROLE1' });
      await provider.checkStatus({ ...reversed, status: 'unknown' });
      const sent = noRole.daraja.statusQueries().at(-1)!.validated!;
      const callback = await noRole.recorder.waitFor((c) => c.url === sent.ResultURL);
      const answer = await provider.parseCallback({ body: callback.body, url: callback.url });
      expect(answer).toMatchObject({ status: 'unknown', error: { code: 'PERMISSION_DENIED', providerCode: '2001', retryable: false } });
      expect(answer.status === 'unknown' && answer.error.message).toMatch(/Transaction Status query ORG API/);
    } finally {
      await noRole.close();
    }
  });

  it('a synchronous refusal (spike arrest): checkStatus resolves with the status unchanged, the refusal in metadata', async () => {
    const provider = sim.provider();
    const { transactionId } = sim.daraja.addTransaction({ amount: 200, scenario: 'no-callback', statusScenario: 'spike-arrest' });
    const reversed = await provider.reverse({ transactionId, amount: 200, reference: 'STSPIKE1' });
    expect(await provider.checkStatus(reversed)).toMatchObject({ status: 'pending', metadata: { statusQuery: { sent: false, providerCode: '500.003.02' } } });
    expect(await provider.checkStatus({ ...reversed, status: 'unknown' })).toMatchObject({
      status: 'unknown',
      error: { code: 'RATE_LIMITED', providerCode: '500.003.02', retryable: false },
    });
  });

  it('an expired token (404.001.03) or the documented "Invalid Access Token" (400.003.01): one new token, the query once more', async () => {
    const provider = sim.provider();
    const expired = sim.daraja.addTransaction({ amount: 200, scenario: 'no-callback', statusScenario: 'expired-token' });
    const reversed = await provider.reverse({ transactionId: expired.transactionId, amount: 200, reference: 'STTOKEN1' });
    const before = sim.daraja.stats.tokensIssued;
    expect(await provider.checkStatus(reversed)).toMatchObject({ status: 'pending', metadata: { statusQuery: { sent: true } } });
    expect(sim.daraja.stats.tokensIssued).toBe(before + 1);

    const invalid = sim.daraja.addTransaction({ amount: 200, scenario: 'no-callback', statusScenario: 'invalid-token' });
    const refused = await provider.reverse({ transactionId: invalid.transactionId, amount: 200, reference: 'STTOKEN2' });
    const queries = sim.daraja.stats.statusQueries;
    expect(await provider.checkStatus({ ...refused, status: 'unknown' })).toMatchObject({
      status: 'unknown',
      error: { code: 'AUTHENTICATION_FAILED', providerCode: '400.003.01' },
    });
    expect(sim.daraja.stats.statusQueries).toBe(queries + 2);
  });

  it('a status timeout notice keeps the status; a malformed result is refused 400', async () => {
    const provider = sim.provider();
    const { transactionId } = sim.daraja.addTransaction({ amount: 200, scenario: 'no-callback', statusScenario: 'queue-timeout' });
    const reversed = await provider.reverse({ transactionId, amount: 200, reference: 'STSQT1' });
    await provider.checkStatus(reversed);
    expect(await provider.parseCallback(await statusCallbackFor('STSQT1'))).toMatchObject({
      status: 'pending',
      metadata: { callback: 'status-queue-timeout' },
    });
    sim.daraja.setStatusScenario(transactionId, 'malformed-result');
    await provider.checkStatus(reversed);
    const error = await provider.parseCallback(await statusCallbackFor('STSQT1')).catch((caught: unknown) => caught);
    expect(ReversalCallbackError.isInstance(error) && error.status).toBe(400);
  });
});

describe('status callbacks are signed like the reversal’s', () => {
  it('carry only a token; refused without token, with a forged token, or with a token for another reference', async () => {
    const provider = sim.provider();
    const first = await reverseThenCheck(provider, 'STSIGN1', 'no-callback');
    expect(first.settled.status).toBe('succeeded');
    const genuine = await statusCallbackFor('STSIGN1');
    expect([...new URL(genuine.url).searchParams.keys()]).toEqual(['token']);

    const withoutToken = new URL(genuine.url);
    withoutToken.search = '';
    await expect(provider.parseCallback({ ...genuine, url: withoutToken.toString() })).rejects.toMatchObject({ status: 401 });

    const forged = new URL(genuine.url);
    const other = await signCallbackToken({ reference: 'STSIGN1', originalTransactionId: first.transactionId, kind: 'status-result', status: { prior: 'pending' } }, new TextEncoder().encode('another-secret-0123456789abcdefgh'), 600);
    forged.searchParams.set('token', other);
    await expect(provider.parseCallback({ ...genuine, url: forged.toString() })).rejects.toMatchObject({ status: 401 });

    // A genuine token of another reversal, with this reversal's status result: refused, it names another request.
    const second = await reverseThenCheck(provider, 'STSIGN2', 'no-callback');
    expect(second.settled.status).toBe('succeeded');
    const otherCallback = await statusCallbackFor('STSIGN2');
    await expect(provider.parseCallback({ ...genuine, url: otherCallback.url })).rejects.toMatchObject({ status: 400 });
  });

  it('arrive through createCallbackHandler and settle the reversal’s reference', async () => {
    const provider = sim.provider();
    const outcomes: ReversalResult[] = [];
    const handler = createCallbackHandler({ provider, onResult: (result) => void outcomes.push(result) });
    const server = createServer(handler.node);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = sim.provider({ resultUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mpesa/result` });
      const { transactionId } = sim.daraja.addTransaction({ amount: 200, scenario: 'no-callback' });
      const reversed = await endpoint.reverse({ transactionId, amount: 200, reference: 'STHANDLER1' });
      await handler.deliver(reversed);
      await endpoint.checkStatus(reversed);
      const settled = await handler.waitForResult('STHANDLER1', { timeoutMs: 5_000 });
      expect(settled).toMatchObject({ status: 'succeeded', providerRequestId: reversed.providerRequestId });
      expect(outcomes.map((result) => result.status)).toEqual(['succeeded']);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

it('unsigned callback URLs (unsignedCallbacks: true) carry the reversal in their query, and settle it the same way', async () => {
  const provider = sim.provider(UNSIGNED);
  const { reversed, settled } = await reverseThenCheck(provider, 'STUNSIGNED1', 'no-callback');
  const url = new URL((await statusCallbackFor('STUNSIGNED1')).url);
  expect(Object.fromEntries(url.searchParams)).toMatchObject({ reference: 'STUNSIGNED1', kind: 'status-result', providerRequestId: reversed.providerRequestId, status: 'pending' });
  expect(settled).toMatchObject({ status: 'succeeded', providerRequestId: reversed.providerRequestId });
});

it('the canary secret never leaves in a status result', async () => {
  const provider = sim.provider();
  const { checked, settled } = await reverseThenCheck(provider, 'STCANARY1', 'no-callback');
  for (const value of Object.values(CANARY)) expect(JSON.stringify([checked, settled])).not.toContain(value);
});
