import { createCallbackHandler, type ReversalResult } from '@reversal/core';
import { createMockProvider } from '@reversal/core/testing';
import { describe, expect, it, vi } from 'vitest';
import { createLedger } from './create-ledger.js';
import type { LedgerEntry } from './model/ledger-entry.js';
import { withDerivedState } from './model/entry-view.js';
import { newAttempt } from './model/new-attempt.js';
import { createMemoryLedgerStore } from './store/memory-store.js';

const request = { transactionId: 'PDU91HIVIT', amount: '200.00', reference: 'ORDER1234' };

function setUp(options: { delivery?: 'sync' | 'callback'; statusCheck?: boolean; instances?: number; onOutcome?: (entry: LedgerEntry) => unknown } = {}) {
  let clock = Date.parse('2026-01-01T00:00:00Z');
  const now = () => new Date(clock);
  const provider = createMockProvider({ capabilities: { resultDelivery: options.delivery ?? 'callback', statusCheck: options.statusCheck ?? true } });
  const store = createMemoryLedgerStore({ now });
  const told: string[] = [];
  const onOutcome = (entry: LedgerEntry) => {
    told.push(`${entry.reference}:${entry.state}:${entry.attempts.length}`);
    return options.onOutcome?.(entry);
  };
  const ledgers = Array.from({ length: options.instances ?? 1 }, () => createLedger({ store, provider, now, onOutcome }));
  return { provider, store, ledgers, ledger: ledgers[0]!, told, now, advance: (ms: number) => (clock += ms) };
}

describe('onOutcome', () => {
  it('is told once of an outcome reverse() brings, and not again for the same reference', async () => {
    const { provider, ledger, told } = setUp({ delivery: 'sync' });
    provider.respondOnce({ status: 'succeeded', reversalTransactionId: 'REV1' });
    const entry = await ledger.reverse(request);
    expect(entry.state).toBe('succeeded');
    await ledger.reverse(request);
    expect(told).toEqual(['ORDER1234:succeeded:1']);
    expect(await ledger.get('ORDER1234')).toMatchObject({ outcomeDelivery: { state: 'done', outcome: 'succeeded', attempts: 1 } });
  });

  it('is not told of a state that is not an outcome (pending)', async () => {
    const { ledger, told } = setUp();
    expect(await ledger.reverse(request)).toMatchObject({ state: 'pending' });
    expect(told).toEqual([]);
    expect((await ledger.get('ORDER1234'))?.outcomeDelivery).toBeUndefined();
  });

  it('is told of an outcome the reconciler brings', async () => {
    const { provider, store, ledger, told, now, advance } = setUp();
    const at = now();
    await store.insert(
      withDerivedState(
        { provider: 'mock', reference: 'CRASHED1', request: { transactionId: 'PDU91HIVIT' }, statusCheck: true, attempts: [newAttempt(1, at)], createdAt: at, updatedAt: at },
        at,
      ),
    );
    provider.setStatus((await store.get({ provider: 'mock', reference: 'CRASHED1' }))!.attempts[0]!.providerReference, { status: 'succeeded' });
    advance(300_001);
    const report = await ledger.reconcile();
    expect(report.checked).toMatchObject([{ reference: 'CRASHED1', after: 'succeeded' }]);
    expect(told).toEqual(['CRASHED1:succeeded:1']);
    expect((await ledger.reconcile()).handedOver).toBe(0);
    expect(told).toHaveLength(1);
  });

  it('takes the place of the callback handler’s onResult for entries it knows, once across instances', async () => {
    const { provider, ledgers, told } = setUp({ instances: 2 });
    const results: ReversalResult[] = [];
    const handlers = ledgers.map((ledger) => createCallbackHandler({ provider, ledger, onResult: (result) => void results.push(result) }));
    const entry = await ledgers[0]!.reverse(request);
    const input = provider.deliverCallback!(entry.attempts[0]!.providerReference, { status: 'succeeded' });
    for (const handler of handlers) expect((await handler.handle(input)).status).toBe(200);
    expect(told).toEqual(['ORDER1234:succeeded:1']);
    expect(results).toEqual([]);
    // A result the ledger does not know still goes to onResult.
    await handlers[0]!.handle(provider.deliverCallback!({ reference: 'NOTOURS1', originalTransactionId: 'PDU91HIVIT' }, { status: 'succeeded' }));
    expect(results.map((result) => result.reference)).toEqual(['NOTOURS1']);
  });

  it('answers a callback 500 when onOutcome threw (the provider delivers again), then is told once', async () => {
    let fail = true;
    const { provider, ledger, told } = setUp({
      onOutcome: () => {
        if (fail) throw new Error('the orders service is down');
      },
    });
    const handler = createCallbackHandler({ provider, ledger, onResult: () => {} });
    const entry = await ledger.reverse(request);
    const input = provider.deliverCallback!(entry.attempts[0]!.providerReference, { status: 'succeeded' });
    expect((await handler.handle(input)).status).toBe(500);
    expect(await ledger.get('ORDER1234')).toMatchObject({ outcomeDelivery: { state: 'due', outcome: 'succeeded' } });
    fail = false;
    expect((await handler.handle(input)).status).toBe(200);
    expect((await handler.handle(input)).status).toBe(200);
    expect(told).toEqual(['ORDER1234:succeeded:1', 'ORDER1234:succeeded:1']); // the call that threw, then the one that did not
    expect((await ledger.reconcile()).handedOver).toBe(0);
  });

  it('keeps an outcome whose hand-over failed in reverse() for the reconciler, and reverse() still returns it', async () => {
    let fail = true;
    const { provider, ledger, told } = setUp({
      delivery: 'sync',
      onOutcome: () => {
        if (fail) throw new Error('the orders service is down');
      },
    });
    provider.respondOnce({ status: 'succeeded' });
    await expect(ledger.reverse(request)).resolves.toMatchObject({ state: 'succeeded' });
    const failing = await ledger.reconcile();
    expect(failing).toMatchObject({ handedOver: 0, failed: [{ reference: 'ORDER1234', message: 'onOutcome threw: the orders service is down' }] });
    fail = false;
    expect((await ledger.reconcile()).handedOver).toBe(1);
    expect((await ledger.reconcile()).handedOver).toBe(0);
    expect(told).toHaveLength(3);
  });

  it('hands over again after the lease when the process stopped inside onOutcome', async () => {
    const { provider, store, told, now, advance } = setUp({ delivery: 'sync' });
    // The first instance never returns from onOutcome (it stands for a process that died inside it).
    const stuck = createLedger({ store, provider, now, onOutcome: () => new Promise(() => {}) });
    provider.respondOnce({ status: 'succeeded' });
    void stuck.reverse(request);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const other = createLedger({ store, provider, now, onOutcome: (entry) => void told.push(entry.state) });
    expect((await other.reconcile()).handedOver).toBe(0); // the lease holds
    advance(60_001);
    expect((await other.reconcile()).handedOver).toBe(1);
    expect(told).toEqual(['succeeded']);
  });

  it('renews its claim while a slow onOutcome runs, so that no other instance runs it again', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const { provider, store, told, now, advance } = setUp({ delivery: 'sync' });
      let called: () => void = () => {};
      let finish: () => void = () => {};
      const inside = new Promise<void>((resolve) => (called = resolve));
      const slow = createLedger({
        store,
        provider,
        now,
        onOutcome: (entry) => {
          told.push(`slow:${entry.state}`);
          called();
          return new Promise<void>((resolve) => (finish = resolve));
        },
      });
      const other = createLedger({ store, provider, now, onOutcome: (entry) => void told.push(`other:${entry.state}`) });
      provider.respondOnce({ status: 'succeeded' });
      const reversing = slow.reverse(request);
      await inside;
      // Five minutes inside onOutcome, five times its 60-second claim; another instance reconciles all along.
      for (let step = 0; step < 15; step += 1) {
        advance(20_000);
        await vi.advanceTimersByTimeAsync(20_000);
        expect((await other.reconcile()).handedOver).toBe(0);
      }
      finish();
      await expect(reversing).resolves.toMatchObject({ state: 'succeeded' });
      expect(vi.getTimerCount()).toBe(0); // it stopped renewing
      expect(await store.get({ provider: 'mock', reference: 'ORDER1234' })).toMatchObject({ outcomeDelivery: { state: 'done' } });
      advance(120_000);
      expect((await other.reconcile()).handedOver).toBe(0);
      expect(told).toEqual(['slow:succeeded']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('is told of a double reversal when an attempt recorded as not sent turns out to have succeeded', async () => {
    const { provider, ledger, told } = setUp();
    // The caller aborted, so the ledger recorded the attempt as not sent; the request had left all the same.
    await expect(ledger.reverse(request, { signal: AbortSignal.abort() })).rejects.toThrow();
    const notSent = (await ledger.get('ORDER1234'))!.attempts[0]!;
    expect(notSent.state).toBe('not-sent');
    const retried = await ledger.retry('ORDER1234');
    const callback = (reference: string) =>
      provider.parseCallback!(provider.deliverCallback!({ reference, originalTransactionId: 'PDU91HIVIT' }, { status: 'succeeded' }));
    await ledger.record(await callback(retried.attempts[1]!.providerReference), 'callback');
    const double = await ledger.record(await callback(notSent.providerReference), 'callback');
    expect(double).toMatchObject({ state: 'double-reversed', doubleReversal: true });
    expect(double?.attempts.map((attempt) => attempt.state)).toEqual(['succeeded', 'succeeded']);
    expect(told).toEqual(['ORDER1234:retryable:1', 'ORDER1234:succeeded:2', 'ORDER1234:double-reversed:2']);
  });

  it('is told of each new outcome: a retry’s, and a person’s resolution of an entry that needed attention', async () => {
    const { provider, ledger, told } = setUp({ statusCheck: false });
    provider.respondOnce({ status: 'failed', error: { code: 'INSUFFICIENT_FUNDS', retryable: true } });
    await ledger.reverse(request);
    provider.respondOnce({ status: 'unknown', error: { code: 'ALREADY_REVERSED', providerCode: 'R000001' } });
    await ledger.retry('ORDER1234');
    await ledger.resolve('ORDER1234', { outcome: 'reversed', note: 'Support confirmed the reversal' });
    expect(told).toEqual(['ORDER1234:retryable:1', 'ORDER1234:needs-attention:2', 'ORDER1234:resolved:2']);
  });
});
