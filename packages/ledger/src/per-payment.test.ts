import { createCallbackHandler, type ReversalResult } from '@reversal/core';
import { createMockProvider } from '@reversal/core/testing';
import { describe, expect, it } from 'vitest';
import { createLedger } from './create-ledger.js';
import { LedgerError } from './ledger-error.js';
import type { LedgerEntry } from './model/ledger-entry.js';
import { createMemoryLedgerStore } from './store/memory-store.js';
import type { LedgerStore } from './store/ledger-store.js';

const payment = { transactionId: 'PDU91HIVIT', amount: '200.00' };

function setUp(options: { delivery?: 'sync' | 'callback'; partialReversal?: boolean; store?: LedgerStore } = {}) {
  let clock = Date.parse('2026-01-01T00:00:00Z');
  const now = () => new Date(clock);
  const provider = createMockProvider({
    capabilities: { resultDelivery: options.delivery ?? 'sync', statusCheck: true, partialReversal: options.partialReversal ?? true },
  });
  const store = options.store ?? createMemoryLedgerStore({ now });
  const told: LedgerEntry[] = [];
  const ledger = createLedger({ store, provider, now, onOutcome: (entry) => void told.push(entry) });
  return { provider, store, ledger, told, now, advance: (ms: number) => (clock += ms) };
}

describe('one payment, one reversal', () => {
  it('refuses a second reference for a payment reversed under the first, naming it; nothing is sent', async () => {
    const { provider, ledger } = setUp();
    provider.respondOnce({ status: 'succeeded' });
    await ledger.reverse({ ...payment, reference: 'REFUND2001' });
    const second = ledger.reverse({ ...payment, reference: 'REFUND2002' });
    await expect(second).rejects.toSatisfy((error) => LedgerError.isInstance(error, 'ERR_LEDGER_PAYMENT_IN_USE'));
    await expect(second).rejects.toMatchObject({ reference: 'REFUND2001', state: 'succeeded', message: expect.stringContaining('REFUND2001') });
    expect(provider.calls).toHaveLength(1);
    expect(await ledger.get('REFUND2002')).toBeUndefined();
  });

  it('refuses it too while the first may have moved money (unknown), and allows it once the first provably did nothing', async () => {
    const { provider, ledger } = setUp();
    provider.respondOnce({ status: 'unknown', error: { code: 'TIMEOUT' } });
    await ledger.reverse({ ...payment, reference: 'FIRST' });
    await expect(ledger.reverse({ ...payment, reference: 'SECOND' })).rejects.toMatchObject({ code: 'ERR_LEDGER_PAYMENT_IN_USE', state: 'unknown' });
    provider.respondOnce({ status: 'failed', error: { code: 'INSUFFICIENT_FUNDS', retryable: false } });
    await ledger.reverse({ ...payment, transactionId: 'QAB12CDEFG', reference: 'THIRD' });
    provider.respondOnce({ status: 'succeeded' });
    await expect(ledger.reverse({ ...payment, transactionId: 'QAB12CDEFG', reference: 'FOURTH' })).resolves.toMatchObject({ state: 'succeeded' });
  });

  it('sends a further partial reversal when the caller says additional: true, only where partial amounts exist', async () => {
    const { provider, ledger } = setUp();
    provider.respondOnce({ status: 'succeeded' });
    await ledger.reverse({ ...payment, amount: '50.00', reference: 'PART1' });
    provider.respondOnce({ status: 'succeeded' });
    await expect(ledger.reverse({ ...payment, amount: '25.00', reference: 'PART2', additional: true })).resolves.toMatchObject({ state: 'succeeded' });
    await expect(ledger.reverse({ transactionId: payment.transactionId, reference: 'PART3', additional: true })).rejects.toMatchObject({
      name: 'ReversalValidationError',
      issues: [{ field: 'additional', message: expect.stringContaining('amount') }],
    });

    const whole = setUp({ partialReversal: false });
    await expect(whole.ledger.reverse({ ...payment, reference: 'ALL', additional: true })).rejects.toMatchObject({
      issues: [{ field: 'additional', message: expect.stringContaining('cannot reverse part') }],
    });
    expect(await whole.ledger.get('ALL')).toBeUndefined();
  });

  it('never forgets a payment after retention: a reused reference is refused with what happened to it', async () => {
    const { provider, ledger, advance } = setUp();
    provider.respondOnce({ status: 'succeeded' });
    await ledger.reverse({ ...payment, reference: 'OLDREFUND' });
    advance(31 * 86_400_000);
    expect(await ledger.prune()).toBe(1);
    expect(await ledger.get('OLDREFUND')).toBeUndefined();
    const reused = ledger.reverse({ ...payment, reference: 'OLDREFUND' });
    await expect(reused).rejects.toMatchObject({ code: 'ERR_LEDGER_PRUNED', state: 'succeeded', message: expect.stringContaining('PDU91HIVIT') });
    await expect(ledger.reverse({ ...payment, reference: 'NEWREF' })).rejects.toMatchObject({ code: 'ERR_LEDGER_PAYMENT_IN_USE', reference: 'OLDREFUND' });
    expect(provider.calls).toHaveLength(1);
  });

  it('lists entries by state and payment, every provider’s by default', async () => {
    const { provider, ledger } = setUp();
    provider.respondOnce({ status: 'unknown', error: { code: 'TIMEOUT' } });
    await ledger.reverse({ ...payment, reference: 'DOUBT1' });
    provider.respondOnce({ status: 'succeeded' });
    await ledger.reverse({ ...payment, transactionId: 'QAB12CDEFG', reference: 'DONE1' });
    expect((await ledger.list({ states: ['unknown', 'needs-attention'] })).map((entry) => entry.reference)).toEqual(['DOUBT1']);
    expect((await ledger.list({ transactionId: 'QAB12CDEFG' })).map((entry) => [entry.reference, entry.result?.status])).toEqual([['DONE1', 'succeeded']]);
    await expect(ledger.list({ limit: 0 })).rejects.toMatchObject({ issues: [{ field: 'limit' }] });
  });
});

describe('one truth for listeners', () => {
  it('never hands a "failed" result over for an entry the provider said was already reversed', async () => {
    const { provider, ledger, told } = setUp({ delivery: 'callback' });
    const heard: ReversalResult[] = [];
    const handler = createCallbackHandler({ provider, ledger, onResult: (result) => void heard.push(result) });
    const entry = await ledger.reverse({ ...payment, reference: 'ORDER1234' });
    const attempt = entry.attempts[0]!.providerReference;
    const deliverCallback = provider.deliverCallback!;
    const deliver = (outcome: Parameters<typeof deliverCallback>[1]) =>
      handler.handle(deliverCallback({ reference: attempt, originalTransactionId: payment.transactionId }, outcome));
    await deliver({ status: 'unknown', error: { code: 'ALREADY_REVERSED', providerCode: 'R000001' } });
    await deliver({ status: 'failed', error: { code: 'PROCESSING_ERROR', providerCode: '2001', message: 'Declined' } });
    const stored = await ledger.get('ORDER1234');
    expect(stored).toMatchObject({ state: 'needs-attention', result: { status: 'unknown', error: { code: 'ALREADY_REVERSED' } } });
    expect([...told, ...heard].map((each) => ('state' in each ? each.result?.status : each.status))).not.toContain('failed');
    expect(told.map((each) => each.state)).toContain('needs-attention');
  });
});

describe('a store failure after sending', () => {
  it('is a LedgerError saying the request may have been sent; the attempt stays in doubt for the reconciler', async () => {
    const inner = createMemoryLedgerStore();
    let failUpdates = false;
    const store: LedgerStore = {
      ...inner,
      update: (key, change) => (failUpdates ? Promise.reject(new Error('connection terminated')) : inner.update(key, change)),
    };
    const { provider, ledger } = setUp({ store });
    provider.respondOnce(async () => {
      failUpdates = true;
      return { status: 'succeeded' };
    });
    const sent = ledger.reverse({ ...payment, reference: 'LOSTANSWER' });
    await expect(sent).rejects.toMatchObject({ code: 'ERR_LEDGER_STORE', message: expect.stringContaining('may have been applied') });
    failUpdates = false;
    expect(await ledger.get('LOSTANSWER')).toMatchObject({ state: 'sending', attempts: [{ state: 'sending' }] });
    expect(provider.calls).toHaveLength(1);
  });
});

describe('outcomes recorded by an instance without onOutcome', () => {
  it('are handed to an instance with onOutcome sharing the store (an operator’s CLI and a service)', async () => {
    const store = createMemoryLedgerStore();
    const provider = createMockProvider({ capabilities: { resultDelivery: 'callback', statusCheck: true } });
    const told: string[] = [];
    const service = createLedger({ store, provider, onOutcome: (entry) => void told.push(`${entry.reference}:${entry.state}`) });
    const operator = createLedger({ store, provider });
    const entry = await service.reverse({ ...payment, reference: 'SHARED1' });
    const input = provider.deliverCallback!(entry.attempts[0]!.providerReference, { status: 'succeeded' });
    await operator.record(await provider.parseCallback!(input), 'status');
    expect(told).toEqual([]);
    await service.reconcile();
    expect(told).toEqual(['SHARED1:succeeded']);
    await service.reconcile();
    expect(told).toHaveLength(1);
  });
});
