import { createMockProvider } from '@reversal/core/testing';
import { describe, expect, it } from 'vitest';
import { createLedger } from './create-ledger.js';
import type { LedgerEvent } from './ledger-events.js';
import type { LedgerOptions } from './ledger-options.js';
import { withDerivedState } from './model/entry-view.js';
import { newAttempt } from './model/new-attempt.js';
import { STATUS_CHECK_BACKOFF_MS } from './model/status-check-schedule.js';
import { createMemoryLedgerStore } from './store/memory-store.js';

const DAY = 86_400_000;

function setUp(options: Partial<LedgerOptions> & { statusCheck?: boolean } = {}) {
  let clock = Date.parse('2026-01-01T00:00:00Z');
  const now = () => new Date(clock);
  const { statusCheck = true, ...ledgerOptions } = options;
  const provider = createMockProvider({ capabilities: { resultDelivery: 'callback', statusCheck } });
  const store = createMemoryLedgerStore({ now });
  const events: LedgerEvent[] = [];
  const told: string[] = [];
  const ledger = createLedger({
    store,
    provider,
    now,
    onEvent: (event) => events.push(event),
    onOutcome: (entry) => void told.push(`${entry.reference}:${entry.state}`),
    ...ledgerOptions,
  });
  /** An entry whose sender stopped after recording its attempt: the request may never have left. */
  const recordedNeverSent = async (reference: string) => {
    const at = now();
    await store.insert(
      withDerivedState(
        {
          provider: 'mock',
          reference,
          request: { transactionId: 'PDU91HIVIT' },
          statusCheck,
          attempts: [newAttempt(1, at)],
          createdAt: at,
          updatedAt: at,
        },
        at,
      ),
    );
    return (await store.get({ provider: 'mock', reference }))!.attempts[0]!.providerReference;
  };
  /** Passes of the reconciler, one at each scheduled check, until `count` checks were made. */
  const checkTimes = async (count: number) => {
    advance(300_001);
    const reports = [await ledger.reconcile()];
    for (const waitMs of STATUS_CHECK_BACKOFF_MS.slice(0, count - 1)) {
      advance(waitMs);
      reports.push(await ledger.reconcile());
    }
    return reports;
  };
  const advance = (ms: number) => (clock += ms);
  return { provider, store, ledger, events, told, now, advance, recordedNeverSent, checkTimes };
}

describe('escalation', () => {
  it('hands an entry no status answer settles to a person after maxChecks: needs-attention, an event, onOutcome', async () => {
    const { provider, ledger, events, told, recordedNeverSent, checkTimes } = setUp({ escalation: { maxChecks: 3 } });
    const attempt = await recordedNeverSent('STUCK1');
    provider.setStatus(attempt, { status: 'unknown', error: { code: 'TIMEOUT' } });
    const reports = await checkTimes(3);
    expect(reports.map((report) => report.checked.map((entry) => entry.after))).toEqual([['unknown'], ['unknown'], ['needs-attention']]);
    expect(reports.map((report) => report.escalated)).toEqual([
      [],
      [],
      [{ provider: 'mock', reference: 'STUCK1', reason: 'checks', checks: 3 }],
    ]);
    const entry = await ledger.get('STUCK1');
    expect(entry).toMatchObject({
      state: 'needs-attention',
      escalation: { reason: 'checks', checks: 3 },
      attempts: [{ state: 'unknown' }],
    });
    expect(events).toEqual([
      { type: 'needs-attention', provider: 'mock', reference: 'STUCK1', state: 'needs-attention', attempts: [attempt] },
    ]);
    expect(told).toEqual(['STUCK1:needs-attention']);
    await expect(ledger.resolve('STUCK1', { outcome: 'not-reversed', note: 'Support: never received' })).resolves.toMatchObject({
      state: 'resolved',
    });
  });

  it('hands an entry over after maxAgeMs in doubt, counted from its attempt', async () => {
    const { provider, ledger, recordedNeverSent, checkTimes } = setUp({ escalation: { maxAgeMs: 20 * 60_000 } });
    provider.setStatus(await recordedNeverSent('STUCK2'), { status: 'unknown', error: { code: 'TIMEOUT' } });
    // Checks at 5, 6, 11 and 26 minutes: the fourth is past 20 minutes in doubt.
    const reports = await checkTimes(4);
    expect(reports.map((report) => report.escalated.length)).toEqual([0, 0, 0, 1]);
    expect(await ledger.get('STUCK2')).toMatchObject({ state: 'needs-attention', escalation: { reason: 'age', checks: 4 } });
  });

  it('escalates a pending entry whose status answer stays pending (no callback ever comes)', async () => {
    const { ledger, checkTimes, advance } = setUp({ escalation: { byProvider: { mock: { maxChecks: 2 } } } });
    expect(await ledger.reverse({ transactionId: 'PDU91HIVIT', reference: 'QUIET1' })).toMatchObject({ state: 'pending' });
    advance(15 * 60_000); // the default callback window
    const reports = await checkTimes(2);
    expect(reports.flatMap((report) => report.checked.map((entry) => entry.after))).toEqual(['pending', 'needs-attention']);
    expect(await ledger.get('QUIET1')).toMatchObject({ state: 'needs-attention', attempts: [{ state: 'pending' }] });
  });

  it('checks an escalated entry daily, and a later success still settles it (told again)', async () => {
    const { provider, ledger, told, recordedNeverSent, checkTimes, advance } = setUp({ escalation: { maxChecks: 2 } });
    const attempt = await recordedNeverSent('LATE1');
    provider.setStatus(attempt, { status: 'unknown', error: { code: 'TIMEOUT' } });
    await checkTimes(2);
    const escalated = await ledger.get('LATE1');
    expect(escalated?.statusChecks?.nextAt.getTime()).toBe(escalated!.updatedAt.getTime() + DAY);
    provider.setStatus(attempt, { status: 'succeeded' });
    advance(DAY - 1);
    expect((await ledger.reconcile()).checked).toEqual([]);
    advance(1);
    expect((await ledger.reconcile()).checked).toEqual([
      { provider: 'mock', reference: 'LATE1', before: 'needs-attention', after: 'succeeded' },
    ]);
    expect(await ledger.get('LATE1')).toMatchObject({ state: 'succeeded', escalation: { reason: 'checks' } });
    expect((await ledger.get('LATE1'))?.statusChecks).toBeUndefined();
    expect(told).toEqual(['LATE1:needs-attention', 'LATE1:succeeded']);
  });

  it('a later callback success settles an escalated entry; a later refusal makes it failed, and a retry is a new doubt', async () => {
    const { provider, ledger, advance } = setUp({ escalation: { maxChecks: 1 } });
    const first = await ledger.reverse({ transactionId: 'PDU91HIVIT', reference: 'CALLED1' });
    const second = await ledger.reverse({ transactionId: 'QAB12CDEFG', reference: 'REFUSED1' });
    advance(15 * 60_000 + 1);
    expect((await ledger.reconcile()).escalated.map((entry) => entry.reference)).toEqual(['CALLED1', 'REFUSED1']);
    const callback = (entry: typeof first, outcome: Parameters<typeof provider.deliverCallback>[1]) =>
      provider.parseCallback(provider.deliverCallback(entry.attempts[0]!.providerReference, outcome));
    expect(await ledger.record(await callback(first, { status: 'succeeded' }), 'callback')).toMatchObject({ state: 'succeeded' });
    const refused = await ledger.record(
      await callback(second, { status: 'failed', error: { code: 'INSUFFICIENT_FUNDS', retryable: true } }),
      'callback',
    );
    expect(refused).toMatchObject({ state: 'retryable' });
    expect(refused?.escalation).toBeUndefined();
    expect(await ledger.retry('REFUSED1')).toMatchObject({
      state: 'pending',
      attempts: [{ state: 'refused-retryable' }, { state: 'pending' }],
    });
  });

  it('escalates an entry of a provider without a status check after maxAgeMs, and lists it no more', async () => {
    const { ledger, events, recordedNeverSent, advance } = setUp({ statusCheck: false });
    await recordedNeverSent('NOCHECK1');
    advance(300_001);
    expect(await ledger.reconcile()).toMatchObject({ unsupported: [{ reference: 'NOCHECK1', state: 'sending' }], escalated: [] });
    advance(DAY);
    expect(await ledger.reconcile()).toMatchObject({
      unsupported: [{ reference: 'NOCHECK1', state: 'sending' }],
      escalated: [{ provider: 'mock', reference: 'NOCHECK1', reason: 'age', checks: 0 }],
    });
    expect(events.map((event) => event.type)).toEqual(['needs-attention']);
    expect(await ledger.reconcile()).toMatchObject({ unsupported: [], escalated: [] });
    expect(await ledger.get('NOCHECK1')).toMatchObject({ state: 'needs-attention', attempts: [{ state: 'sending' }] });
  });

  it('refuses an escalation option that is not a limit', () => {
    const store = createMemoryLedgerStore();
    const provider = createMockProvider();
    for (const escalation of [
      { maxChecks: 0 },
      { maxChecks: 1.5 },
      { maxAgeMs: -1 },
      { byProvider: { mock: { maxAgeMs: Number.NaN } } },
      null,
    ]) {
      expect(() => createLedger({ store, provider, escalation: escalation as never })).toThrow(/escalation must be/);
    }
  });
});
