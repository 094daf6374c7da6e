import { type CallbackRecorder, type DarajaSimulator, startCallbackRecorder, startDarajaSimulator } from '@reversal/sandbox';
import { createSafaricomKeProvider, type SafaricomKeProvider } from '@reversal/safaricom-ke';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedger } from './create-ledger.js';
import type { LedgerEvent } from './ledger-events.js';
import { withDerivedState } from './model/entry-view.js';
import { newAttempt } from './model/new-attempt.js';
import { createMemoryLedgerStore } from './store/memory-store.js';

// The ledger over the Kenya adapter, over real HTTP, against the Daraja simulator. Daraja answers a
// status query by callback: checkStatus resolves with the queried status unchanged, so without a
// listener for those callbacks (or with nothing to find) no check ever settles an entry.
describe('ledger over the Safaricom Kenya adapter: entries no status check settles', () => {
  let daraja: DarajaSimulator;
  let recorder: CallbackRecorder;
  let provider: SafaricomKeProvider;
  beforeAll(async () => {
    daraja = await startDarajaSimulator({ callbackDelayMs: 1 });
    recorder = await startCallbackRecorder();
    provider = createSafaricomKeProvider({
      ...daraja.providerOptions,
      resultUrl: `${recorder.url}/mpesa/reversal/result`,
      callbackSecret: 'ledger-kenya-test-callback-secret-0123456789',
      timeoutMs: 10_000,
    });
  });
  afterAll(async () => {
    await provider?.close();
    await daraja?.close();
    await recorder?.close();
  });

  const setUp = () => {
    let clock = Date.now();
    const now = () => new Date(clock);
    const store = createMemoryLedgerStore({ now });
    const events: LedgerEvent[] = [];
    const ledger = createLedger({ store, provider, now, onEvent: (event) => events.push(event) });
    /** Passes of the reconciler, one a minute, for `ms`: what a reconciler every minute would do. */
    const reconcileEveryMinute = async (ms: number) => {
      const reports = [];
      for (let elapsed = 0; elapsed < ms; elapsed += 60_000) {
        clock += 60_000;
        reports.push(await ledger.reconcile());
      }
      return reports;
    };
    return { store, ledger, events, now, reconcileEveryMinute };
  };

  it('escalates an attempt recorded but never sent after 8 status checks on the backoff schedule, not one query a pass', {
    timeout: 60_000,
  }, async () => {
    const { store, ledger, events, now, reconcileEveryMinute } = setUp();
    const { transactionId } = daraja.addTransaction({ amount: 200 });
    const at = now();
    // The process stopped between recording the attempt and sending it.
    await store.insert(
      withDerivedState(
        {
          provider: provider.id,
          reference: 'KENEVER1',
          request: { transactionId, amount: '200.00' },
          statusCheck: true,
          attempts: [newAttempt(1, at)],
          createdAt: at,
          updatedAt: at,
        },
        at,
      ),
    );
    const queriesBefore = daraja.statusQueries().length;
    // The 8th check comes about 22 hours and a half after the attempt (5 minutes, then the schedule).
    const reports = await reconcileEveryMinute(23 * 3_600_000);
    const checked = reports.flatMap((report) => report.checked);
    expect(checked.map((entry) => entry.after)).toEqual([...Array.from({ length: 7 }, () => 'unknown'), 'needs-attention']);
    expect(daraja.statusQueries().length - queriesBefore).toBe(8);
    expect(daraja.requests().filter((request) => request.validated?.TransactionID === transactionId)).toHaveLength(0);
    expect(reports.flatMap((report) => report.escalated)).toEqual([
      { provider: provider.id, reference: 'KENEVER1', reason: 'checks', checks: 8 },
    ]);
    expect(events).toMatchObject([{ type: 'needs-attention', reference: 'KENEVER1', state: 'needs-attention' }]);
    expect(await ledger.get('KENEVER1')).toMatchObject({ state: 'needs-attention', attempts: [{ state: 'unknown' }] });
    // Escalated: asked once a day, no more.
    await reconcileEveryMinute(60 * 60_000);
    expect(daraja.statusQueries().length - queriesBefore).toBe(8);
    await expect(ledger.resolve('KENEVER1', { outcome: 'not-reversed', note: 'M-Pesa has no reversal of it' })).resolves.toMatchObject({
      state: 'resolved',
    });
  });

  it('escalates a pending reversal whose callback never comes; the status answer, delivered later, still settles it', {
    timeout: 60_000,
  }, async () => {
    const { ledger, reconcileEveryMinute } = setUp();
    const { transactionId } = daraja.addTransaction({ amount: 200, scenario: 'no-callback' });
    const entry = await ledger.reverse({ transactionId, amount: 200, reference: 'KENQUIET1' });
    expect(entry.state).toBe('pending');
    const reports = await reconcileEveryMinute(23 * 3_600_000);
    expect(reports.flatMap((report) => report.checked.map((checked) => checked.after)).at(-1)).toBe('needs-attention');
    expect(await ledger.get('KENQUIET1')).toMatchObject({
      state: 'needs-attention',
      escalation: { reason: 'checks', checks: 8 },
      attempts: [{ state: 'pending' }],
    });
    // The status result the simulator posted for the last query, received late: a success still wins.
    const query = daraja
      .statusQueries()
      .findLast((each) => each.answer === '0' && each.validated?.Occasion === entry.attempts[0]!.providerReference)?.validated;
    const callback = await recorder.waitFor((each) => each.url === query?.ResultURL);
    const result = await provider.parseCallback({ body: callback.body, headers: callback.headers, url: callback.url });
    expect(await ledger.record(result, 'callback')).toMatchObject({ state: 'succeeded', escalation: { reason: 'checks' } });
    expect((await ledger.get('KENQUIET1'))?.statusChecks).toBeUndefined();
  });
});
