import { ReversalValidationError } from '@reversal/core';
import { createMockProvider } from '@reversal/core/testing';
import { describe, expect, it } from 'vitest';
import { createLedger } from './create-ledger.js';
import { attemptStatusQuery } from './model/attempt-status-query.js';
import { LedgerError } from './ledger-error.js';
import type { LedgerEvent } from './ledger-events.js';
import { createMemoryLedgerStore } from './store/memory-store.js';

const request = { transactionId: 'PDU91HIVIT', amount: '200.00', reference: 'ORDER1234' };

function setUp(capabilities: { statusCheck?: boolean } = {}) {
  const provider = createMockProvider({ capabilities: { resultDelivery: 'callback', statusCheck: true, ...capabilities } });
  const store = createMemoryLedgerStore();
  const events: LedgerEvent[] = [];
  const ledger = createLedger({ store, provider, onEvent: (event) => events.push(event) });
  /** A callback of the provider about one attempt, read by the provider as it would be in production. */
  const callback = async (providerReference: string, outcome: Parameters<typeof provider.deliverCallback>[1]) =>
    provider.parseCallback(provider.deliverCallback(providerReference, outcome));
  return { provider, store, ledger, events, callback };
}

describe('reverse', () => {
  it('records the entry and its attempt before sending, and sends the attempt reference', async () => {
    const { provider, store, ledger } = setUp();
    let seenBeforeSending: unknown;
    provider.respondWith(async (validated) => {
      seenBeforeSending = await store.findByAttempt('mock', validated.reference);
      return { status: 'pending', conversationId: 'AG_1' };
    });
    const entry = await ledger.reverse(request);
    const attempt = entry.attempts[0]!;
    expect(seenBeforeSending).toMatchObject({ reference: 'ORDER1234', attempts: [{ state: 'sending' }] });
    expect(provider.lastCall?.validatedRequest.reference).toBe(attempt.providerReference);
    // The first attempt carries your reference itself: whoever sends it again meets the provider's duplicate check.
    expect(attempt.providerReference).toBe('ORDER1234');
    expect(entry).toMatchObject({ state: 'pending', request: { transactionId: 'PDU91HIVIT', amount: '200.00' } });
    expect(attempt).toMatchObject({ state: 'pending', conversationId: 'AG_1' });
  });

  it('sends nothing for a reference seen before and returns the entry as it stands', async () => {
    const { provider, ledger, callback } = setUp();
    const first = await ledger.reverse(request);
    await ledger.record(await callback(first.attempts[0]!.providerReference, { status: 'succeeded' }), 'callback');
    const again = await ledger.reverse({ ...request, amount: 200 });
    expect(provider.calls).toHaveLength(1);
    expect(again.state).toBe('succeeded');
    expect(again.result?.status).toBe('succeeded');
  });

  it('sends once when the same reference is reversed concurrently', async () => {
    const { provider, ledger } = setUp();
    const entries = await Promise.all([ledger.reverse(request), ledger.reverse(request), ledger.reverse(request)]);
    expect(provider.calls).toHaveLength(1);
    expect(new Set(entries.map((entry) => entry.attempts[0]!.providerReference)).size).toBe(1);
  });

  const { amount: _, ...withoutAmount } = request;
  it.each([
    ['another payment', { ...request, transactionId: 'QAB12CDEFG' }],
    ['another amount', { ...request, amount: '150.00' }],
    ['no amount where one was given', withoutAmount],
  ])('refuses the reference for %s with a conflict error', async (_name, changed) => {
    const { provider, ledger } = setUp();
    await ledger.reverse(request);
    const error = await ledger.reverse(changed).catch((caught: unknown) => caught);
    expect(LedgerError.isInstance(error, 'ERR_LEDGER_CONFLICT')).toBe(true);
    expect(provider.calls).toHaveLength(1);
  });

  it('matches an absent amount with an absent amount only', async () => {
    const { ledger } = setUp();
    await ledger.reverse({ transactionId: 'PDU91HIVIT', reference: 'FULL1' });
    await expect(ledger.reverse({ transactionId: 'PDU91HIVIT', reference: 'FULL1' })).resolves.toMatchObject({ state: 'pending' });
    await expect(ledger.reverse({ transactionId: 'PDU91HIVIT', reference: 'FULL1', amount: '1.00' })).rejects.toMatchObject({
      code: 'ERR_LEDGER_CONFLICT',
    });
  });

  it('requires a reference and names the field', async () => {
    const { provider, ledger } = setUp();
    const error = await ledger.reverse({ transactionId: 'PDU91HIVIT' } as typeof request).catch((caught: unknown) => caught);
    expect(ReversalValidationError.isInstance(error) && error.issues[0]?.field).toBe('reference');
    expect(provider.calls).toHaveLength(0);
  });

  it('records an attempt the provider refused before sending as not sent, and rethrows', async () => {
    const provider = createMockProvider({ check: () => [{ field: 'amount', message: 'is above the limit' }] });
    const ledger = createLedger({ store: createMemoryLedgerStore(), provider });
    await expect(ledger.reverse(request)).rejects.toMatchObject({ code: 'ERR_VALIDATION' });
    const entry = await ledger.get('ORDER1234');
    expect(entry).toMatchObject({ state: 'retryable', attempts: [{ state: 'not-sent', answers: [{ source: 'ledger', status: 'not-sent' }] }] });
  });

  it('reads an adapter failing outside its contract as "may have been sent"', async () => {
    const { provider, ledger } = setUp();
    provider.respondOnce(() => {
      throw new TypeError('socket hang up after writing');
    });
    await expect(ledger.reverse(request)).rejects.toThrow(TypeError);
    expect(await ledger.get('ORDER1234')).toMatchObject({ state: 'unknown', attempts: [{ state: 'unknown' }] });
    await expect(ledger.retry('ORDER1234')).rejects.toMatchObject({ code: 'ERR_LEDGER_NOT_RETRYABLE' });
  });

  it('records the providerRequestId a result carries', async () => {
    const { provider, ledger } = setUp();
    provider.respondOnce((validated) => ({ status: 'pending', metadata: {}, raw: { id: validated.reference } }));
    const entry = await ledger.reverse(request);
    const attempt = entry.attempts[0]!;
    const withId = { ...entry.result!, providerRequestId: 'ws_CO_1', reference: attempt.providerReference };
    expect((await ledger.record(withId, 'status'))?.attempts[0]?.providerRequestId).toBe('ws_CO_1');
  });
});

describe('already reversed and duplicate answers', () => {
  it.each(['ALREADY_REVERSED', 'DUPLICATE_REQUEST'] as const)('%s never settles the entry as not reversed', async (code) => {
    const { provider, ledger } = setUp();
    provider.respondOnce({ status: 'failed', error: { code } });
    const entry = await ledger.reverse(request);
    expect(entry.state).toBe('unknown');
    await expect(ledger.retry('ORDER1234')).rejects.toMatchObject({ code: 'ERR_LEDGER_NOT_RETRYABLE' });
  });

  it('needs attention, with the evidence and an event, when no status check can settle it', async () => {
    const { provider, ledger, events } = setUp({ statusCheck: false });
    provider.respondOnce({ status: 'unknown', error: { code: 'ALREADY_REVERSED', providerCode: 'R000001' } });
    const entry = await ledger.reverse(request);
    expect(entry.state).toBe('needs-attention');
    expect(entry.attempts[0]!.answers[0]).toMatchObject({ source: 'reverse', code: 'ALREADY_REVERSED', providerCode: 'R000001' });
    expect(events).toEqual([expect.objectContaining({ type: 'needs-attention', reference: 'ORDER1234' })]);
    const resolved = await ledger.resolve('ORDER1234', { outcome: 'reversed', note: 'Support confirmed reversal on 2 May' });
    expect(resolved).toMatchObject({ state: 'resolved', resolution: { outcome: 'reversed' } });
  });

  it('settles an already-reversed attempt through a status check that says it succeeded', async () => {
    const { provider, ledger } = setUp();
    provider.respondOnce({ status: 'failed', error: { code: 'ALREADY_REVERSED' } });
    const entry = await ledger.reverse(request);
    provider.setStatus(entry.attempts[0]!.providerReference, { status: 'succeeded' });
    const status = await provider.checkStatus!(attemptStatusQuery(entry, entry.attempts[0]!));
    expect(await ledger.record(status, 'status')).toMatchObject({ state: 'succeeded' });
  });

  it('leaves a status check that repeats "already reversed" to a person', async () => {
    const { provider, ledger } = setUp();
    provider.respondOnce({ status: 'failed', error: { code: 'ALREADY_REVERSED' } });
    const entry = await ledger.reverse(request);
    provider.setStatus(entry.attempts[0]!.providerReference, { status: 'failed', error: { code: 'ALREADY_REVERSED' } });
    const status = await provider.checkStatus!(attemptStatusQuery(entry, entry.attempts[0]!));
    expect(await ledger.record(status, 'status')).toMatchObject({ state: 'needs-attention' });
  });
});

describe('succeeded is never replaced', () => {
  it('keeps a success when the resend of a lost answer is refused as already reversed (callback order)', async () => {
    const { provider, ledger, callback } = setUp();
    provider.respondOnce({ status: 'unknown', error: { code: 'TIMEOUT' } });
    const { attempts } = await ledger.reverse(request);
    const reference = attempts[0]!.providerReference;
    expect((await ledger.reverse(request)).state).toBe('unknown');
    expect(provider.calls).toHaveLength(1);
    await ledger.record(await callback(reference, { status: 'succeeded' }), 'callback');
    const late = await ledger.record(await callback(reference, { status: 'failed', error: { code: 'ALREADY_REVERSED' } }), 'callback');
    expect(late).toMatchObject({ state: 'succeeded', attempts: [{ state: 'succeeded', result: { status: 'succeeded' } }] });
    expect(late?.attempts[0]?.answers.map((answer) => answer.status)).toEqual(['unknown', 'succeeded', 'failed']);
  });

  it('detects a double reversal when a refused attempt later reports success', async () => {
    const { provider, ledger, events, callback } = setUp();
    provider.respondOnce({ status: 'failed', error: { code: 'INSUFFICIENT_FUNDS', retryable: true } });
    const first = await ledger.reverse(request);
    expect(first.state).toBe('retryable');
    const second = await ledger.retry('ORDER1234');
    await ledger.record(await callback(second.attempts[1]!.providerReference, { status: 'succeeded' }), 'callback');
    const double = await ledger.record(await callback(first.attempts[0]!.providerReference, { status: 'succeeded' }), 'callback');
    expect(double).toMatchObject({ state: 'double-reversed', doubleReversal: true });
    expect(events.map((event) => event.type)).toEqual(['double-reversal']);
  });
});

describe('retry', () => {
  it('sends a new attempt with a new provider reference after a retryable refusal', async () => {
    const { provider, ledger, callback } = setUp();
    provider.respondOnce({ status: 'failed', error: { code: 'INSUFFICIENT_FUNDS', retryable: true } });
    await ledger.reverse(request);
    const entry = await ledger.retry('ORDER1234');
    const [first, second] = entry.attempts;
    expect(provider.calls).toHaveLength(2);
    expect(second!.providerReference).not.toBe(first!.providerReference);
    expect(provider.calls[1]?.validatedRequest).toMatchObject({ reference: second!.providerReference, amount: '200.00' });
    // A stale callback of the first attempt updates the first attempt only.
    const stale = await ledger.record(await callback(first!.providerReference, { status: 'failed', error: { code: 'INSUFFICIENT_FUNDS' } }), 'callback');
    expect(stale?.attempts.map((attempt) => attempt.state)).toEqual(['refused-retryable', 'pending']);
  });

  it('retries after a refusal for good (the attempt did nothing)', async () => {
    const { provider, ledger } = setUp();
    provider.respondOnce({ status: 'failed', error: { code: 'AUTHENTICATION_FAILED' } });
    expect((await ledger.reverse(request)).state).toBe('failed');
    expect((await ledger.retry('ORDER1234')).attempts).toHaveLength(2);
  });

  it.each([
    ['pending', { status: 'pending' as const }, /accepted by the provider/],
    ['unknown', { status: 'unknown' as const }, /check its status/i],
  ])('refuses while an attempt is %s, saying why', async (_name, outcome, why) => {
    const { provider, ledger } = setUp();
    provider.respondOnce(outcome);
    await ledger.reverse(request);
    await expect(ledger.retry('ORDER1234')).rejects.toThrow(why);
    expect(provider.calls).toHaveLength(1);
  });

  it('refuses after a success and for an unknown reference', async () => {
    const provider = createMockProvider();
    const ledger = createLedger({ store: createMemoryLedgerStore(), provider });
    await ledger.reverse(request);
    await expect(ledger.retry('ORDER1234')).rejects.toThrow(/reversed the payment/);
    await expect(ledger.retry('NOPE')).rejects.toMatchObject({ code: 'ERR_LEDGER_NOT_FOUND' });
  });

  it('adds one attempt when two instances retry at once', async () => {
    const { provider, ledger } = setUp();
    provider.respondOnce({ status: 'failed', error: { code: 'RATE_LIMITED' } });
    await ledger.reverse(request);
    const outcomes = await Promise.allSettled([ledger.retry('ORDER1234'), ledger.retry('ORDER1234')]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(provider.calls).toHaveLength(2);
  });
});

describe('resolve', () => {
  it('refuses an entry that is not in doubt', async () => {
    const { ledger } = setUp();
    await ledger.reverse(request);
    await expect(ledger.resolve('ORDER1234', { outcome: 'reversed', note: 'x' })).rejects.toMatchObject({
      code: 'ERR_LEDGER_NOT_RESOLVABLE',
    });
  });

  it('requires an outcome and a note', async () => {
    const { ledger } = setUp();
    const error = await ledger.resolve('ORDER1234', { outcome: 'maybe', note: '' } as never).catch((caught: unknown) => caught);
    expect(ReversalValidationError.isInstance(error) && error.issues.map((issue) => issue.field)).toEqual(['outcome', 'note']);
  });
});

describe('several providers', () => {
  it('keys entries by provider and reference and requires the provider id', async () => {
    const kenya = createMockProvider({ id: 'kenya' });
    const mozambique = createMockProvider({ id: 'mozambique' });
    const ledger = createLedger({ store: createMemoryLedgerStore(), providers: [kenya, mozambique] });
    await expect(ledger.reverse(request)).rejects.toMatchObject({ code: 'ERR_VALIDATION' });
    await ledger.reverse({ ...request, provider: 'kenya' });
    await ledger.reverse({ ...request, provider: 'mozambique' });
    expect([kenya.calls.length, mozambique.calls.length]).toEqual([1, 1]);
    expect((await ledger.get('ORDER1234', { provider: 'mozambique' }))?.provider).toBe('mozambique');
  });

  it('refuses a ledger without providers or with two of one id', () => {
    const store = createMemoryLedgerStore();
    expect(() => createLedger({ store })).toThrow(/either `provider`/);
    expect(() => createLedger({ store, providers: [createMockProvider(), createMockProvider()] })).toThrow(/Two providers/);
  });
});
