import { createMockProvider } from '@reversal/core/testing';
import { describe, expect, it } from 'vitest';
import { createLedger } from './create-ledger.js';
import type { LedgerOptions } from './ledger-options.js';
import { withDerivedState } from './model/entry-view.js';
import { newAttempt } from './model/new-attempt.js';
import { STATUS_CHECK_BACKOFF_MS } from './model/status-check-schedule.js';
import type { ReconcileReport } from './reconcile.js';
import { createMemoryLedgerStore } from './store/memory-store.js';

const request = { transactionId: 'PDU91HIVIT', amount: '200.00', reference: 'ORDER1234' };

function setUp(capabilities: { statusCheck?: boolean } = {}, options: Partial<LedgerOptions> = {}) {
  let clock = Date.parse('2026-01-01T00:00:00Z');
  const now = () => new Date(clock);
  const provider = createMockProvider({ capabilities: { resultDelivery: 'callback', statusCheck: true, ...capabilities } });
  const store = createMemoryLedgerStore({ now });
  const ledger = createLedger({ store, provider, now, callbackWindowMs: { mock: 600_000 }, ...options });
  /** An entry whose sender stopped after recording its attempt (a crash before the answer). */
  const crashedWhileSending = async (reference: string) => {
    const at = now();
    await store.insert(
      withDerivedState(
        { provider: 'mock', reference, request: { transactionId: 'PDU91HIVIT', amount: '200.00' }, statusCheck: provider.capabilities.statusCheck, attempts: [newAttempt(1, at)], createdAt: at, updatedAt: at },
        at,
      ),
    );
    return (await store.get({ provider: 'mock', reference }))!.attempts[0]!.providerReference;
  };
  return { provider, store, ledger, now, crashedWhileSending, advance: (ms: number) => (clock += ms) };
}

describe('reconcile', () => {
  it('settles an attempt whose sender stopped before the answer, through its status', async () => {
    const { provider, ledger, crashedWhileSending, advance } = setUp();
    const attempt = await crashedWhileSending('CRASHED1');
    provider.setStatus(attempt, { status: 'succeeded' });
    expect((await ledger.reconcile()).checked).toEqual([]); // not old enough: it may still be on its way
    advance(300_001);
    const report = await ledger.reconcile();
    expect(report.checked).toEqual([{ provider: 'mock', reference: 'CRASHED1', before: 'sending', after: 'succeeded' }]);
    expect(provider.statusChecks.map((check) => check.query.reference)).toEqual([attempt]);
    expect(await ledger.get('CRASHED1')).toMatchObject({ state: 'succeeded', attempts: [{ answers: [{ source: 'status' }] }] });
  });

  it('reads a never-received attempt as refused when the provider says so (a retry is then allowed)', async () => {
    const { ledger, crashedWhileSending, advance } = setUp();
    await crashedWhileSending('NEVERSENT');
    advance(300_001);
    await ledger.reconcile();
    expect(await ledger.get('NEVERSENT')).toMatchObject({ state: 'failed', attempts: [{ state: 'failed' }] });
    await expect(ledger.retry('NEVERSENT')).resolves.toMatchObject({ state: 'pending' });
  });

  it('checks a pending attempt only past the provider’s callback window', async () => {
    const { provider, ledger, advance } = setUp();
    const entry = await ledger.reverse(request);
    provider.setStatus(entry.attempts[0]!.providerReference, { status: 'failed', error: { code: 'INSUFFICIENT_FUNDS', retryable: true } });
    advance(300_001);
    expect((await ledger.reconcile()).checked).toEqual([]);
    advance(300_000);
    expect((await ledger.reconcile()).checked).toEqual([{ provider: 'mock', reference: 'ORDER1234', before: 'pending', after: 'retryable' }]);
  });

  it('settles duplicate and already-reversed answers through the status check, never as not reversed', async () => {
    const { provider, ledger, advance } = setUp();
    provider.respondOnce({ status: 'failed', error: { code: 'DUPLICATE_REQUEST' } });
    const duplicate = await ledger.reverse(request);
    provider.respondOnce({ status: 'unknown', error: { code: 'ALREADY_REVERSED' } });
    const reversed = await ledger.reverse({ ...request, transactionId: 'QAB12CDEFG', reference: 'ORDER5678' });
    provider.setStatus(duplicate.attempts[0]!.providerReference, { status: 'succeeded' });
    provider.setStatus(reversed.attempts[0]!.providerReference, { status: 'failed', error: { code: 'TRANSACTION_NOT_FOUND' } });
    advance(300_001);
    const report = await ledger.reconcile();
    expect(report.checked.map((entry) => [entry.reference, entry.before, entry.after])).toEqual([
      ['ORDER1234', 'unknown', 'succeeded'],
      ['ORDER5678', 'unknown', 'needs-attention'],
    ]);
  });

  it('backs off: asks about an entry no answer settles on the schedule, not on every pass', async () => {
    const never = { maxChecks: Number.POSITIVE_INFINITY, maxAgeMs: Number.POSITIVE_INFINITY };
    const { provider, ledger, crashedWhileSending, advance } = setUp({}, { escalation: never });
    const attempt = await crashedWhileSending('BACKOFF1');
    provider.setStatus(attempt, { status: 'unknown', error: { code: 'TIMEOUT' } });
    advance(300_001);
    const passesChecking = async () => ((await ledger.reconcile()).checked.length === 1 ? 1 : 0);
    expect(await passesChecking()).toBe(1);
    // The schedule, then daily: one pass a minute before each next check asks nothing, the one at it asks.
    for (const waitMs of [...STATUS_CHECK_BACKOFF_MS, 86_400_000, 86_400_000]) {
      advance(waitMs - 60_000);
      expect(await passesChecking()).toBe(0);
      advance(60_000);
      expect(await passesChecking()).toBe(1);
    }
    const checks = STATUS_CHECK_BACKOFF_MS.length + 3;
    expect(provider.statusChecks).toHaveLength(checks);
    expect(await ledger.get('BACKOFF1')).toMatchObject({ state: 'unknown', statusChecks: { count: checks } });
    const checked = (await ledger.get('BACKOFF1'))!;
    expect(checked.statusChecks?.nextAt.getTime()).toBe(checked.updatedAt.getTime() + 86_400_000);
  });

  it('drops the schedule once an answer settles the entry, so that a retry is checked afresh', async () => {
    const { provider, ledger, crashedWhileSending, advance } = setUp();
    const attempt = await crashedWhileSending('AFRESH1');
    provider.setStatus(attempt, { status: 'unknown', error: { code: 'TIMEOUT' } });
    advance(300_001);
    await ledger.reconcile();
    expect((await ledger.get('AFRESH1'))?.statusChecks?.count).toBe(1);
    provider.setStatus(attempt, { status: 'failed', error: { code: 'TRANSACTION_NOT_FOUND' } });
    advance(60_000);
    expect((await ledger.reconcile()).checked).toMatchObject([{ reference: 'AFRESH1', after: 'failed' }]);
    expect((await ledger.get('AFRESH1'))?.statusChecks).toBeUndefined();
    const retried = await ledger.retry('AFRESH1');
    expect(retried).toMatchObject({ state: 'pending' });
    expect(retried.statusChecks).toBeUndefined();
  });

  it('reports entries of a provider without a status check and guesses nothing', async () => {
    const { provider, ledger, crashedWhileSending, advance } = setUp({ statusCheck: false });
    await crashedWhileSending('NOCHECK1');
    advance(300_001);
    const report = await ledger.reconcile();
    expect(report.unsupported).toEqual([{ provider: 'mock', reference: 'NOCHECK1', state: 'sending' }]);
    expect(report.checked).toEqual([]);
    expect(provider.statusChecks).toHaveLength(0);
    expect(await ledger.get('NOCHECK1')).toMatchObject({ state: 'sending' });
  });

  it('reports a failed status check and checks the entry again at its next scheduled check', async () => {
    const { provider, ledger, crashedWhileSending, advance } = setUp();
    await crashedWhileSending('FAILING1');
    const checkStatus = provider.checkStatus;
    provider.checkStatus = async () => {
      throw new Error('status API down');
    };
    advance(300_001);
    expect((await ledger.reconcile()).failed).toEqual([{ provider: 'mock', reference: 'FAILING1', message: 'status API down' }]);
    expect(await ledger.get('FAILING1')).toMatchObject({ state: 'sending', statusChecks: { count: 1 } });
    provider.checkStatus = checkStatus;
    expect((await ledger.reconcile()).checked).toEqual([]);
    advance(STATUS_CHECK_BACKOFF_MS[0]!);
    expect((await ledger.reconcile()).checked).toHaveLength(1);
  });

  it('prunes final entries past the retention, never one in doubt', async () => {
    const { provider, ledger, crashedWhileSending, advance } = setUp({});
    const entry = await ledger.reverse(request);
    provider.setStatus(entry.attempts[0]!.providerReference, { status: 'succeeded' });
    const doubtful = await crashedWhileSending('DOUBT1');
    provider.setStatus(doubtful, { status: 'unknown', error: { code: 'TIMEOUT' } });
    advance(600_001);
    expect((await ledger.reconcile()).pruned).toBe(0);
    advance(31 * 86_400_000);
    expect((await ledger.reconcile()).pruned).toBe(1);
    expect(await ledger.get('ORDER1234')).toBeUndefined();
    // Still in doubt after a month: escalated to a person, never deleted.
    expect(await ledger.get('DOUBT1')).toMatchObject({ state: 'needs-attention', escalation: { reason: 'age' } });
  });

  it('runs on a timer until stopped, reporting each pass', async () => {
    const { ledger, crashedWhileSending, advance } = setUp();
    await crashedWhileSending('TIMER1');
    advance(1);
    const reports: ReconcileReport[] = [];
    let passed: () => void = () => {};
    const twoPasses = new Promise<void>((resolve) => (passed = () => reports.length >= 2 && resolve()));
    const reconciler = ledger.startReconciler({
      everyMs: 1,
      olderThanMs: 0,
      onReport: (report) => {
        reports.push(report);
        passed();
      },
    });
    await twoPasses;
    await reconciler.stop();
    const count = reports.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reports.length).toBe(count);
    expect(reports[0]?.checked).toEqual([{ provider: 'mock', reference: 'TIMER1', before: 'sending', after: 'failed' }]);
    expect(() => ledger.startReconciler({ everyMs: 0 })).toThrow(RangeError);
  });
});
