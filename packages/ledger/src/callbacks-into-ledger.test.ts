import { createCallbackHandler, type ReversalResult } from '@reversal/core';
import { createMockProvider, type MockOutcome } from '@reversal/core/testing';
import { describe, expect, it } from 'vitest';
import { createLedger } from './create-ledger.js';
import type { LedgerEvent } from './ledger-events.js';
import { createMemoryLedgerStore } from './store/memory-store.js';

const request = { transactionId: 'PDU91HIVIT', amount: '200.00', reference: 'ORDER1234' };

/** A ledger over a callback mock, and a callback handler with it (`instances` handlers share the store). */
function setUp(options: { instances?: number; onResult?: (result: ReversalResult) => unknown } = {}) {
  const provider = createMockProvider({ capabilities: { resultDelivery: 'callback' } });
  const store = createMemoryLedgerStore();
  const events: LedgerEvent[] = [];
  const handed: ReversalResult[] = [];
  const onResult = (result: ReversalResult) => {
    handed.push(result);
    return options.onResult?.(result);
  };
  const ledgers = Array.from({ length: options.instances ?? 1 }, () => createLedger({ store, provider, onEvent: (event) => events.push(event) }));
  const handlers = ledgers.map((ledger) => createCallbackHandler({ provider, ledger, onResult }));
  const ledger = ledgers[0]!;
  /** Posts the provider's callback about one attempt to a handler; resolves with the HTTP status. */
  const post = async (providerReference: string, outcome: MockOutcome, handler = 0) => {
    const input = provider.deliverCallback({ reference: providerReference, originalTransactionId: request.transactionId }, outcome);
    const answer = await handlers[handler]!.handle({ url: input.url, headers: input.headers, body: input.body });
    return answer.status;
  };
  return { provider, store, ledger, ledgers, handlers, handed, events, post };
}

describe('callbacks into the ledger', () => {
  it('records each callback to its attempt and hands the entry’s outcome to onResult once, under your reference', async () => {
    const { ledger, handed, post } = setUp();
    const entry = await ledger.reverse(request);
    const attempt = entry.attempts[0]!.providerReference;
    expect(await post(attempt, { status: 'succeeded', reversalTransactionId: 'REV1' })).toBe(200);
    expect(await post(attempt, { status: 'succeeded', reversalTransactionId: 'REV1' })).toBe(200);
    expect(handed).toHaveLength(1);
    expect(handed[0]).toMatchObject({ status: 'succeeded', reference: 'ORDER1234', reversalTransactionId: 'REV1' });
    const stored = await ledger.get('ORDER1234');
    expect(stored).toMatchObject({ state: 'succeeded', outcomeDelivery: { state: 'done', attempts: 1 } });
    expect(stored?.attempts[0]?.answers.map((answer) => answer.source)).toEqual(['reverse', 'callback', 'callback']);
  });

  it('records a pending result without calling onResult', async () => {
    const { ledger, handed, handlers } = setUp();
    const entry = await ledger.reverse(request);
    await handlers[0]!.deliver(entry.result!);
    expect(handed).toHaveLength(0);
    expect((await ledger.get('ORDER1234'))?.attempts[0]?.answers).toHaveLength(2);
  });

  it('does not hand over an entry still in doubt (unknown: a status check will settle it)', async () => {
    const { ledger, handed, post } = setUp();
    const entry = await ledger.reverse(request);
    await post(entry.attempts[0]!.providerReference, { status: 'unknown', error: { code: 'ALREADY_REVERSED', providerCode: 'R000001' } });
    expect(handed).toHaveLength(0);
    expect(await ledger.get('ORDER1234')).toMatchObject({ state: 'unknown', attempts: [{ state: 'already-reversed' }] });
  });

  it('updates the earlier attempt with its stale callback; hands over again only a new outcome (a double reversal)', async () => {
    const { provider, ledger, handed, events, post } = setUp();
    provider.respondOnce({ status: 'failed', error: { code: 'INSUFFICIENT_FUNDS', retryable: true } });
    await ledger.reverse(request);
    const retried = await ledger.retry('ORDER1234');
    const [first, second] = retried.attempts.map((attempt) => attempt.providerReference) as [string, string];
    await post(second, { status: 'succeeded' });
    expect(await post(first, { status: 'failed', error: { code: 'INSUFFICIENT_FUNDS', retryable: true } })).toBe(200);
    expect(handed.map((result) => result.status)).toEqual(['succeeded']);
    expect(await ledger.get('ORDER1234')).toMatchObject({ state: 'succeeded', attempts: [{ state: 'refused-retryable' }, { state: 'succeeded' }] });
    // The stale callback of the first attempt says it succeeded after all: a double reversal, told loudly by an event.
    await post(first, { status: 'succeeded' });
    expect(await ledger.get('ORDER1234')).toMatchObject({ state: 'double-reversed', attempts: [{ state: 'succeeded' }, { state: 'succeeded' }] });
    expect(events.map((event) => event.type)).toEqual(['double-reversal']);
    // The double reversal is an outcome of its own: the application is told (the deciding result succeeded).
    expect(handed.map((result) => result.status)).toEqual(['succeeded', 'succeeded']);
  });

  it('hands over a retryable refusal, then the retry’s outcome: one per attempt that ends the entry', async () => {
    const { ledger, handed, post } = setUp();
    const entry = await ledger.reverse(request);
    await post(entry.attempts[0]!.providerReference, { status: 'failed', error: { code: 'INSUFFICIENT_FUNDS', retryable: true } });
    const retried = await ledger.retry('ORDER1234');
    await post(retried.attempts[1]!.providerReference, { status: 'succeeded' });
    expect(handed.map((result) => [result.reference, result.status])).toEqual([
      ['ORDER1234', 'failed'],
      ['ORDER1234', 'succeeded'],
    ]);
  });

  it('calls onResult again only when it threw (the provider is answered 500 and delivers again)', async () => {
    let failures = 1;
    const { ledger, handed, post } = setUp({
      onResult: () => {
        if (failures-- > 0) throw new Error('database down');
      },
    });
    const entry = await ledger.reverse(request);
    const attempt = entry.attempts[0]!.providerReference;
    expect(await post(attempt, { status: 'succeeded' })).toBe(500);
    expect(await ledger.get('ORDER1234')).toMatchObject({ state: 'succeeded' });
    // Released back to due: a redelivery, or an instance with onOutcome, hands it over.
    expect((await ledger.get('ORDER1234'))?.outcomeDelivery).toMatchObject({ state: 'due', outcome: 'succeeded' });
    expect(await post(attempt, { status: 'succeeded' })).toBe(200);
    expect(await post(attempt, { status: 'succeeded' })).toBe(200);
    expect(handed).toHaveLength(2);
  });

  it('hands an outcome over once across instances sharing the store, the same callback arriving at each', async () => {
    const { ledger, handed, post } = setUp({ instances: 3 });
    const entries = await Promise.all(['A1', 'A2', 'A3', 'A4'].map((reference) => ledger.reverse({ ...request, transactionId: `PDU91HIV${reference}`, reference })));
    await Promise.all(
      entries.flatMap((entry) => [0, 1, 2, 0, 1, 2].map((instance) => post(entry.attempts[0]!.providerReference, { status: 'succeeded' }, instance))),
    );
    expect(handed.map((result) => result.reference).sort()).toEqual(['A1', 'A2', 'A3', 'A4']);
  });

  it('hands results of attempts it does not know to onResult as a handler without a ledger would', async () => {
    const { provider, handed, handlers } = setUp();
    const input = provider.deliverCallback({ reference: 'ELSEWHERE1', originalTransactionId: 'PDU91HIVIT' }, { status: 'succeeded' });
    expect((await handlers[0]!.handle({ url: input.url, headers: input.headers, body: input.body })).status).toBe(200);
    expect((await handlers[0]!.handle({ url: input.url, headers: input.headers, body: input.body })).status).toBe(200);
    expect(handed.map((result) => result.reference)).toEqual(['ELSEWHERE1']);
  });

  it('refuses a ledger that is not one, naming the option', () => {
    const provider = createMockProvider({ capabilities: { resultDelivery: 'callback' } });
    expect(() => createCallbackHandler({ provider, onResult: () => {}, ledger: {} as never })).toThrow(/ledger/);
  });
});

describe('waitForOutcome', () => {
  it('resolves when a callback brings the outcome, in another instance sharing the store', async () => {
    const { ledgers, post } = setUp({ instances: 2 });
    const entry = await ledgers[0]!.reverse(request);
    const waiting = ledgers[1]!.waitForOutcome('ORDER1234', { timeoutMs: 30_000 });
    await post(entry.attempts[0]!.providerReference, { status: 'succeeded' });
    await expect(waiting).resolves.toMatchObject({ reference: 'ORDER1234', state: 'succeeded' });
  });

  it('resolves at once with an outcome already recorded, and with the entry as it stands at the timeout', async () => {
    const { ledger, post } = setUp();
    const entry = await ledger.reverse(request);
    await expect(ledger.waitForOutcome('ORDER1234', { timeoutMs: 0 })).resolves.toMatchObject({ state: 'pending' });
    await expect(ledger.waitForOutcome('NOSUCHREF', { timeoutMs: 0 })).resolves.toBeUndefined();
    await post(entry.attempts[0]!.providerReference, { status: 'failed', error: { code: 'TRANSACTION_NOT_FOUND' } });
    await expect(ledger.waitForOutcome('ORDER1234', { timeoutMs: 30_000 })).resolves.toMatchObject({ state: 'failed' });
  });

  it('keeps waiting through changes that are not an outcome, and rejects with the abort reason', async () => {
    const { ledger, post } = setUp();
    const entry = await ledger.reverse(request);
    const controller = new AbortController();
    const waiting = ledger.waitForOutcome('ORDER1234', { timeoutMs: 30_000, signal: controller.signal });
    await post(entry.attempts[0]!.providerReference, { status: 'unknown', error: { code: 'TIMEOUT' } });
    controller.abort(new Error('shutting down'));
    await expect(waiting).rejects.toThrow('shutting down');
    await expect(ledger.waitForOutcome('ORDER1234', { timeoutMs: -1 })).rejects.toBeInstanceOf(RangeError);
  });

  it('is bounded: beyond maxWaiters it rejects', async () => {
    const provider = createMockProvider({ capabilities: { resultDelivery: 'callback' } });
    const ledger = createLedger({ store: createMemoryLedgerStore(), provider, maxWaiters: 1 });
    const controller = new AbortController();
    const first = ledger.waitForOutcome('A', { signal: controller.signal });
    await expect(ledger.waitForOutcome('B')).rejects.toBeInstanceOf(RangeError);
    controller.abort();
    await expect(first).rejects.toBeDefined();
  });
});
