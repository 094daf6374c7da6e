import { ReversalValidationError } from '@reversal/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SimulatedDaraja, startSimulatedDaraja, UNSIGNED } from './test-helpers/simulated-daraja.js';

let sim: SimulatedDaraja;
beforeEach(async () => {
  sim = await startSimulatedDaraja();
});
afterEach(() => sim.close());

describe('round trip over real HTTP', () => {
  it('reverse → pending → Daraja POSTs the callback → parseCallback → succeeded with the same reference', async () => {
    const provider = sim.provider();
    const { transactionId } = sim.daraja.addTransaction({ amount: 200, customer: '254712345678 - JANE DOE' });

    const pending = await provider.reverse({ transactionId, amount: '200.00', reference: 'ORDER1234', reason: 'Paid twice' });
    expect(pending).toMatchObject({
      provider: 'safaricom-ke',
      status: 'pending',
      reference: 'ORDER1234',
      originalTransactionId: transactionId,
      conversationId: expect.stringMatching(/^AG_\d{8}_/),
      providerRequestId: expect.any(String),
      amount: { value: '200.00', currency: 'KES' },
      metadata: { providerDescription: 'Accept the service request successfully.' },
    });


    const callback = await sim.callbackFor(transactionId);
    // Daraja's OriginatorConversationID names the request in the acknowledgement and the callback alike.
    expect(JSON.parse(callback.body).Result.OriginatorConversationID).toBe(pending.providerRequestId);
    const result = await provider.parseCallback(callback);
    const reversal = sim.daraja.transaction(transactionId);
    expect(result).toMatchObject({
      status: 'succeeded',
      reference: 'ORDER1234',
      originalTransactionId: transactionId,
      reversalTransactionId: reversal?.reversalTransactionId,
      conversationId: pending.conversationId,
      providerRequestId: pending.providerRequestId,
      amount: { value: '200.00', currency: 'KES' },
      completedAt: expect.any(Date),
      metadata: {
        callback: 'result',
        creditPartyName: '254712345678 - JANE DOE',
        debitPartyName: `${sim.daraja.shortCode} - Simulated Merchant`,
        charge: { value: '0.00', currency: 'KES' },
        debitAccountBalance: [{ account: 'Utility Account', currency: 'KES', amounts: ['999800.00', '999800.00', '0.00', '0.00'] }],
      },
    });
    expect(Math.abs((result.completedAt?.getTime() ?? 0) - Date.now())).toBeLessThan(5 * 60_000);
  });

  it('sends exactly Daraja’s body, the initiator password encrypted so that the simulator decrypts it', async () => {
    const provider = sim.provider(UNSIGNED);
    const { transactionId } = sim.daraja.addTransaction({ amount: 200 });
    await provider.reverse({ transactionId, amount: 200, reference: 'REF42' });
    const received = sim.daraja.requests().at(-1);
    expect(received?.credentialValid).toBe(true);
    const body = received?.body as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(
      [
        'Amount',
        'CommandID',
        'Initiator',
        'Occasion',
        'QueueTimeOutURL',
        'ReceiverParty',
        'RecieverIdentifierType',
        'Remarks',
        'ResultURL',
        'SecurityCredential',
        'TransactionID',
      ].sort(),
    );
    expect(body).toMatchObject({
      CommandID: 'TransactionReversal',
      Amount: '200',
      RecieverIdentifierType: '11',
      ReceiverParty: sim.daraja.shortCode,
      Remarks: 'Transaction reversal',
      Occasion: 'REF42',
      SecurityCredential: expect.stringMatching(/^[A-Za-z0-9+/]{342}==$/),
    });
    const resultUrl = new URL(body.ResultURL!);
    expect(Object.fromEntries(resultUrl.searchParams)).toEqual({ reference: 'REF42', originalTransactionId: transactionId });
    expect(new URL(body.QueueTimeOutURL!).searchParams.get('kind')).toBe('queue-timeout');
  });

  it('by default the callback URLs carry one signed token, and nothing else', async () => {
    const provider = sim.provider();
    const { transactionId } = sim.daraja.addTransaction({ amount: 200 });
    await provider.reverse({ transactionId, amount: 200, reference: 'SIGNED1' });
    const body = sim.daraja.requests().at(-1)?.body as Record<string, string>;
    for (const url of [body.ResultURL!, body.QueueTimeOutURL!]) {
      expect([...new URL(url).searchParams.keys()]).toEqual(['token']);
      expect(url).not.toContain('SIGNED1');
    }
  });

  it('computes the SecurityCredential once per provider, not per request', async () => {
    const provider = sim.provider();
    for (let i = 0; i < 3; i++) {
      await provider.reverse({ transactionId: sim.daraja.addTransaction({ amount: 10 }).transactionId, amount: 10 });
    }
    const credentials = new Set(sim.daraja.requests().map((r) => (r.body as { SecurityCredential: string }).SecurityCredential));
    expect(credentials.size).toBe(1);
  });

  it('accepts a pre-computed securityCredential instead of the password', async () => {
    const first = sim.provider();
    await first.reverse({ transactionId: sim.daraja.addTransaction({ amount: 5 }).transactionId, amount: 5 });
    const credential = (sim.daraja.requests().at(-1)!.body as { SecurityCredential: string }).SecurityCredential;
    const provider = sim.provider({ initiatorPassword: undefined, certificate: undefined, securityCredential: credential });
    const { transactionId } = sim.daraja.addTransaction({ amount: 5 });
    await provider.reverse({ transactionId, amount: 5 });
    expect(await provider.parseCallback(await sim.callbackFor(transactionId))).toMatchObject({ status: 'succeeded' });
  });

  it('puts the reference in the path with a {reference} placeholder, and reads it from a path-only URL', async () => {
    const provider = sim.provider({ ...UNSIGNED, resultUrl: `${sim.recorder.url}/hooks/{reference}/mpesa` });
    const { transactionId } = sim.daraja.addTransaction({ amount: 75 });
    await provider.reverse({ transactionId, amount: 75, reference: 'PATHREF7' });
    const callback = await sim.callbackFor(transactionId);
    const url = new URL(callback.url);
    expect(url.pathname).toBe('/hooks/PATHREF7/mpesa');
    const result = await provider.parseCallback({ ...callback, url: `${url.pathname}${url.search}` });
    expect(result).toMatchObject({ status: 'succeeded', reference: 'PATHREF7', originalTransactionId: transactionId });
  });

  it('a second reversal of a reversed payment is unknown/ALREADY_REVERSED, never "not reversed"', async () => {
    const provider = sim.provider();
    const { transactionId } = sim.daraja.addTransaction({ amount: 200 });
    await provider.reverse({ transactionId, amount: 200 });
    expect((await provider.parseCallback(await sim.callbackFor(transactionId))).status).toBe('succeeded');
    await provider.reverse({ transactionId, amount: 200 });
    const second = await provider.parseCallback(await sim.callbackFor(transactionId));
    expect(second).toMatchObject({
      status: 'unknown',
      error: { code: 'ALREADY_REVERSED', providerCode: 'R000001', retryable: false, message: expect.stringContaining('already been reversed') },
    });
    expect((second as { error: { message: string } }).error.message).toMatch(/do not send the reversal again/i);
  });

  it('an amount different from the original comes back as a failure carrying the transaction id', async () => {
    const provider = sim.provider();
    const { transactionId } = sim.daraja.addTransaction({ amount: 200 });
    await provider.reverse({ transactionId, amount: 150, reference: 'WRONGAMT' });
    const result = await provider.parseCallback(await sim.callbackFor(transactionId));
    expect(result).toMatchObject({
      status: 'failed',
      reference: 'WRONGAMT',
      originalTransactionId: transactionId,
      error: { providerCode: 'R000002', code: 'TRANSACTION_NOT_FOUND' },
    });
  });

  it('a queue timeout parses into unknown/TIMEOUT, never failed', async () => {
    const provider = sim.provider();
    const { transactionId } = sim.daraja.addTransaction({ amount: 200, scenario: 'queue-timeout' });
    await provider.reverse({ transactionId, amount: 200, reference: 'QUEUED1' });
    const result = await provider.parseCallback(await sim.callbackFor(transactionId));
    expect(result).toMatchObject({
      status: 'unknown',
      reference: 'QUEUED1',
      originalTransactionId: transactionId,
      error: { code: 'TIMEOUT', retryable: false },
      metadata: { callback: 'queue-timeout' },
    });
  });
});

describe('validation before sending', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['no amount', { amount: undefined }, 'amount'],
    ['cents', { amount: '200.50' }, 'amount'],
    ['a lower-case receipt', { transactionId: 'pdu91hivit' }, 'transactionId'],
    ['a receipt with symbols', { transactionId: 'PDU-91HIVIT' }, 'transactionId'],
    ['a one-character reason', { reason: 'x' }, 'reason'],
  ];
  for (const [name, overrides, field] of cases) {
    it(`rejects ${name}, naming ${field}, and sends nothing`, async () => {
      const provider = sim.provider();
      const request = { transactionId: 'PDU91HIVIT', amount: '200.00', ...overrides };
      const error = await provider.reverse(request as never).catch((caught: unknown) => caught);
      expect(ReversalValidationError.isInstance(error)).toBe(true);
      expect((error as ReversalValidationError).issues.map((issue) => issue.field)).toContain(field);
      expect(sim.daraja.stats.oauthRequests + sim.daraja.stats.reversalRequests).toBe(0);
    });
  }
});

describe('transport failures', () => {
  it('a response slower than the timeout is unknown/TIMEOUT; the reversal still happened', async () => {
    await sim.close();
    sim = await startSimulatedDaraja({ slowResponseMs: 3_000 });
    const provider = sim.provider({ timeoutMs: 500 });
    const { transactionId } = sim.daraja.addTransaction({ amount: 200, scenario: 'slow-response' });
    await provider.reverse({ transactionId, amount: 200 }); // warms the token, then answers slowly
    const second = sim.daraja.addTransaction({ amount: 200, scenario: 'slow-response' });
    const result = await provider.reverse({ transactionId: second.transactionId, amount: 200, reference: 'SLOW1' });
    expect(result).toMatchObject({ status: 'unknown', reference: 'SLOW1', error: { code: 'TIMEOUT', retryable: false } });
    expect(sim.daraja.transaction(second.transactionId)?.attempts).toBe(1); // never resent blindly
    const late = await provider.parseCallback(await sim.callbackFor(second.transactionId));
    expect(late).toMatchObject({ status: 'succeeded', reference: 'SLOW1' });
  });

  it('a per-call timeoutMs overrides the provider’s', async () => {
    await sim.close();
    sim = await startSimulatedDaraja({ slowResponseMs: 3_000 });
    const provider = sim.provider({ timeoutMs: 20_000 });
    const { transactionId } = sim.daraja.addTransaction({ amount: 200, scenario: 'slow-response' });
    const result = await provider.reverse({ transactionId, amount: 200 }, { timeoutMs: 500 });
    expect(result).toMatchObject({ status: 'unknown', error: { code: 'TIMEOUT' } });
  });

  it('a connection dropped mid-answer is unknown, never failed', async () => {
    const provider = sim.provider();
    const { transactionId } = sim.daraja.addTransaction({ amount: 200, scenario: 'dropped-connection' });
    const result = await provider.reverse({ transactionId, amount: 200 });
    expect(result.status).toBe('unknown');
    expect(sim.daraja.transaction(transactionId)?.reversalTransactionId).toBeDefined();
  });

  it('connection refused is failed/PROVIDER_UNAVAILABLE, retryable: nothing was sent', async () => {
    const provider = sim.provider({ baseUrl: 'http://127.0.0.1:1' });
    const result = await provider.reverse({ transactionId: 'PDU91HIVIT', amount: 200 });
    expect(result).toMatchObject({
      status: 'failed',
      error: { code: 'PROVIDER_UNAVAILABLE', providerCode: 'ECONNREFUSED', retryable: true },
    });
  });

  it('wrong app credentials are failed/AUTHENTICATION_FAILED and the reversal is not sent', async () => {
    const provider = sim.provider({ consumerSecret: 'not-the-secret' });
    const result = await provider.reverse({ transactionId: 'PDU91HIVIT', amount: 200 });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'AUTHENTICATION_FAILED', providerCode: '400.008.01' } });
    expect(sim.daraja.stats.reversalRequests).toBe(0);
  });

  it('an abort while waiting rejects with the signal’s reason when nothing was sent', async () => {
    const provider = sim.provider();
    const reason = new Error('stop');
    const controller = new AbortController();
    const pending = provider.reverse({ transactionId: 'PDU91HIVIT', amount: 200 }, { signal: controller.signal });
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });
});
