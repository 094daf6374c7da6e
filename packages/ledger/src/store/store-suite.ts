// The one test suite every ledger store runs (not part of the public surface).
import { randomBytes } from 'node:crypto';
import { createMockProvider } from '@reversal/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedger } from '../create-ledger.js';
import { withDerivedState } from '../model/entry-view.js';
import type { LedgerEntryRecord } from '../model/ledger-entry.js';
import { newAttempt } from '../model/new-attempt.js';
import type { EntryState } from '../model/entry-state.js';
import type { DueQuery, LedgerStore } from './ledger-store.js';

const unique = () => randomBytes(6).toString('hex').toUpperCase();

function entry(provider: string, reference: string, at = new Date()): LedgerEntryRecord {
  return withDerivedState(
    {
      provider,
      reference,
      request: { transactionId: 'PDU91HIVIT', amount: '200.00', reason: 'Paid twice' },
      statusCheck: true,
      attempts: [newAttempt(1, at)],
      createdAt: at,
      updatedAt: at,
    },
    at,
  );
}

/** Runs the store suite against the store `open` resolves with (shared by every test of the file). */
export function describeStoreSuite(name: string, open: () => Promise<LedgerStore>): void {
  describe(`${name} store`, () => {
    let store: LedgerStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('inserts an entry once and reads it back as it was written', async () => {
      const provider = `p${unique()}`;
      const written = entry(provider, 'REF1');
      expect(await store.insert(written)).toEqual({ kind: 'inserted', entry: written });
      const again = await store.insert(entry(provider, 'REF1'));
      expect(again).toEqual({ kind: 'exists', entry: written });
      expect(await store.get({ provider, reference: 'REF1' })).toEqual(written);
      expect(await store.findByAttempt(provider, written.attempts[0]!.providerReference)).toEqual(written);
      expect(await store.get({ provider, reference: 'NONE' })).toBeUndefined();
      expect(await store.findByAttempt(provider, 'NONE')).toBeUndefined();
    });

    it('inserts one entry when several instances insert one key at once', async () => {
      const provider = `p${unique()}`;
      const outcomes = await Promise.all(Array.from({ length: 5 }, () => store.insert(entry(provider, 'RACE'))));
      expect(outcomes.filter((outcome) => outcome.kind === 'inserted')).toHaveLength(1);
      const stored = outcomes.map((outcome) => ('entry' in outcome ? outcome.entry.attempts[0]!.providerReference : outcome.kind));
      expect(new Set(stored).size).toBe(1);
    });

    it('serialises concurrent updates of one entry (no lost update)', async () => {
      const provider = `p${unique()}`;
      await store.insert(entry(provider, 'SERIAL'));
      await Promise.all(
        Array.from({ length: 8 }, () =>
          store.update({ provider, reference: 'SERIAL' }, (current) => ({
            ...current,
            attempts: [...current.attempts, newAttempt(current.attempts.length + 1, new Date())],
          })),
        ),
      );
      const stored = await store.get({ provider, reference: 'SERIAL' });
      expect(stored?.attempts.map((attempt) => attempt.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    it('stores nothing when a change throws, and nothing for a missing entry', async () => {
      const provider = `p${unique()}`;
      const written = entry(provider, 'THROW');
      await store.insert(written);
      const failing = store.update({ provider, reference: 'THROW' }, (current) => {
        void current;
        throw new Error('refused');
      });
      await expect(failing).rejects.toThrow('refused');
      expect(await store.get({ provider, reference: 'THROW' })).toEqual(written);
      expect(await store.update({ provider, reference: 'MISSING' }, (current) => current)).toBeUndefined();
    });

    it('prunes only final entries past the retention, never entries in doubt', async () => {
      const provider = `p${unique()}`;
      const old = new Date(Date.now() - 3_600_000);
      const settle = (record: LedgerEntryRecord, state: 'succeeded' | 'unknown') =>
        withDerivedState({ ...record, attempts: [{ ...record.attempts[0]!, state }] }, old);
      await store.insert(settle(entry(provider, 'OLDFINAL', old), 'succeeded'));
      await store.insert(settle(entry(provider, 'OLDDOUBT', old), 'unknown'));
      await store.insert(settle(entry(provider, 'NEWFINAL'), 'succeeded'));
      await store.update({ provider, reference: 'NEWFINAL' }, (current) => ({ ...current, updatedAt: new Date() }));
      await store.prune({ before: new Date(Date.now() - 60_000), limit: 10_000 });
      expect(await store.get({ provider, reference: 'OLDFINAL' })).toBeUndefined();
      expect(await store.get({ provider, reference: 'OLDDOUBT' })).toBeDefined();
      expect(await store.get({ provider, reference: 'NEWFINAL' })).toBeDefined();
    });

    it('guards a payment: a second reference is refused while the first is or may be reversed', async () => {
      const provider = `p${unique()}`;
      const first = entry(provider, 'PAY1');
      await store.insert(first, { guardPayment: true });
      // Another reference for the same payment: refused while the first is being sent…
      expect(await store.insert(entry(provider, 'PAY2'), { guardPayment: true })).toMatchObject({
        kind: 'payment-in-use',
        other: { reference: 'PAY1', state: 'sending' },
      });
      // …but allowed when the caller says it is a further partial reversal (no guard), and for another provider.
      expect(await store.insert(entry(provider, 'PAY3'))).toMatchObject({ kind: 'inserted' });
      expect(await store.insert(entry(`q${unique()}`, 'PAY2'), { guardPayment: true })).toMatchObject({ kind: 'inserted' });
      // The same reference again is the same entry, not a conflict of payments.
      expect(await store.insert(entry(provider, 'PAY1'), { guardPayment: true })).toMatchObject({ kind: 'exists' });
      // Once every entry of the payment provably did nothing, a new reference may go.
      for (const reference of ['PAY1', 'PAY3']) {
        await store.update({ provider, reference }, (current) =>
          withDerivedState({ ...current, attempts: [{ ...current.attempts[0]!, state: 'failed' }] }, new Date()),
        );
      }
      expect(await store.insert(entry(provider, 'PAY4'), { guardPayment: true })).toMatchObject({ kind: 'inserted' });
    });

    it('lets one of several references of one payment in when instances insert them at once', async () => {
      const provider = `p${unique()}`;
      const outcomes = await Promise.all(
        Array.from({ length: 6 }, (_, index) => store.insert(entry(provider, `RACE${index}`), { guardPayment: true })),
      );
      expect(outcomes.filter((outcome) => outcome.kind === 'inserted')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome.kind === 'payment-in-use')).toHaveLength(5);
    });

    it('leaves a tombstone when it prunes: the reference stays taken and a reversed payment stays guarded', async () => {
      const provider = `p${unique()}`;
      const old = new Date(Date.now() - 3_600_000);
      const written = withDerivedState({ ...entry(provider, 'GONE', old), attempts: [{ ...newAttempt(1, old), state: 'succeeded' }] }, old);
      await store.insert(written);
      expect(await store.prune({ before: new Date(Date.now() - 60_000), limit: 10_000 })).toBeGreaterThanOrEqual(1);
      expect(await store.get({ provider, reference: 'GONE' })).toBeUndefined();
      const reused = await store.insert(entry(provider, 'GONE'));
      expect(reused).toMatchObject({
        kind: 'pruned',
        tombstone: { provider, reference: 'GONE', transactionId: 'PDU91HIVIT', amount: '200.00', state: 'succeeded' },
      });
      expect(await store.insert(entry(provider, 'OTHER'), { guardPayment: true })).toMatchObject({
        kind: 'payment-in-use',
        other: { reference: 'GONE', state: 'succeeded' },
      });
      // Tombstones have a retention of their own.
      await store.prune({ before: new Date(0), tombstonesBefore: new Date(Date.now() + 60_000), limit: 10_000 });
      expect(await store.insert(entry(provider, 'GONE'))).toMatchObject({ kind: 'inserted' });
    });

    it('stores provider text with a lone surrogate or a NUL (as U+FFFD where the database needs it)', async () => {
      const provider = `p${unique()}`;
      const written = entry(provider, 'CUTEMOJI');
      await store.insert(written);
      const cut = '😀'.slice(0, 1);
      const result = {
        provider,
        reference: written.attempts[0]!.providerReference,
        originalTransactionId: 'PDU91HIVIT',
        status: 'failed' as const,
        error: { code: 'PROCESSING_ERROR' as const, providerCode: '2001', message: `Declined ${cut}`, retryable: false },
        metadata: { note: `a${cut}\u0000b` },
        raw: { ResultDesc: `x${'😀'.slice(1)}`, pair: '😀' },
      };
      const changed = await store.update({ provider, reference: 'CUTEMOJI' }, (current) =>
        withDerivedState({ ...current, attempts: [{ ...current.attempts[0]!, state: 'failed', result }] }, new Date()),
      );
      expect(changed?.state).toBe('failed');
      const stored = (await store.get({ provider, reference: 'CUTEMOJI' }))!.attempts[0]!.result!;
      const text = JSON.stringify(stored);
      expect(text).toContain('😀');
      expect(['error' in stored ? stored.error.message : '', String((stored.raw as { ResultDesc: string }).ResultDesc)]).toEqual([
        expect.stringMatching(/^Declined (\ud83d|\ufffd)$/),
        expect.stringMatching(/^x(\ude00|\ufffd)$/),
      ]);
    });

    it('lists entries by provider, state, payment and age, the longest unchanged first, with their attempts', async () => {
      const provider = `p${unique()}`;
      const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
      await store.insert(entry(provider, 'L1', at(30)));
      await store.insert({ ...entry(provider, 'L2', at(20)), request: { transactionId: 'OTHERPAY1' } });
      await store.insert(withDerivedState({ ...entry(provider, 'L3', at(10)), attempts: [{ ...newAttempt(1, at(10)), state: 'unknown' }] }, at(10)));
      const references = (entries: LedgerEntryRecord[]) => entries.map((each) => each.reference);
      expect(references(await store.list({ provider, limit: 10 }))).toEqual(['L1', 'L2', 'L3']);
      expect(references(await store.list({ provider, limit: 2 }))).toEqual(['L1', 'L2']);
      expect(references(await store.list({ provider, states: ['unknown'], limit: 10 }))).toEqual(['L3']);
      expect(references(await store.list({ provider, transactionId: 'OTHERPAY1', limit: 10 }))).toEqual(['L2']);
      expect(references(await store.list({ provider, updatedBefore: at(15), limit: 10 }))).toEqual(['L1', 'L2']);
      const [first] = await store.list({ provider, limit: 1 });
      expect(first).toEqual(await store.get({ provider, reference: 'L1' }));
      expect(await store.list({ provider: `none${unique()}`, limit: 10 })).toEqual([]);
    });

    it('tells watchers of every committed change of an entry’s state, until they stop', async () => {
      const provider = `p${unique()}`;
      await store.insert(entry(provider, 'WATCHED'));
      const heard: unknown[] = [];
      let hear: () => void = () => {};
      const stop = await store.watch((key) => {
        if (key.provider !== provider) return;
        heard.push(key);
        hear();
      });
      const next = new Promise<void>((resolve) => (hear = resolve));
      const key = { provider, reference: 'WATCHED' };
      // A change that keeps the state is not announced; one that changes it is.
      await store.update(key, (current) => ({ ...current, updatedAt: new Date() }));
      await store.update(key, (current) => withDerivedState({ ...current, attempts: [{ ...current.attempts[0]!, state: 'pending' }] }, new Date()));
      await next;
      expect(heard).toEqual([key]);
      expect(await store.get(key)).toMatchObject({ state: 'pending' });
      await stop();
      await store.update(key, (current) => withDerivedState({ ...current, attempts: [{ ...current.attempts[0]!, state: 'succeeded' }] }, new Date()));
      await store.get(key);
      expect(heard).toHaveLength(1);
    });

    it('hands each due entry to one of several concurrent reconcilers at a time', async () => {
      const mock = createMockProvider({ id: `p${unique()}`, capabilities: { resultDelivery: 'callback' } });
      const inFlight = new Map<string, number>();
      let overlaps = 0;
      // The real mock, slowed down, counting the checks of each attempt that run at once.
      const provider = Object.assign(Object.create(mock) as typeof mock, {
        async checkStatus(query: Parameters<typeof mock.checkStatus>[0]) {
          inFlight.set(query.reference, (inFlight.get(query.reference) ?? 0) + 1);
          if (inFlight.get(query.reference)! > 1) overlaps += 1;
          await new Promise((resolve) => setTimeout(resolve, 5));
          inFlight.set(query.reference, inFlight.get(query.reference)! - 1);
          return mock.checkStatus(query);
        },
      });
      const past = new Date(Date.now() - 3_600_000);
      const references = Array.from({ length: 12 }, (_, index) => `DUE${index}`);
      for (const reference of references) {
        const written = entry(provider.id, reference, past);
        await store.insert(written);
        mock.setStatus(written.attempts[0]!.providerReference, { status: 'succeeded' });
      }
      const ledgers = Array.from({ length: 4 }, () => createLedger({ store, provider }));
      const reports = await Promise.all(ledgers.flatMap((ledger) => [ledger.reconcile({ olderThanMs: 0, limit: 5 }), ledger.reconcile({ olderThanMs: 0, limit: 5 })]));
      const checked = reports.flatMap((report) => report.checked.map((each) => each.reference));
      expect(overlaps).toBe(0);
      expect(checked.sort()).toEqual([...references].sort());
      for (const reference of references) expect(await ledgers[0]!.get(reference)).toMatchObject({ state: 'succeeded' });
    });

    it('claims each entry just before checking it, for as long as its check takes: never checked by two reconcilers at once', async () => {
      const mock = createMockProvider({ id: `p${unique()}`, capabilities: { resultDelivery: 'callback' } });
      let clock = Date.now();
      const now = () => new Date(clock);
      const checks = new Map<string, number>();
      const inFlight = new Set<string>();
      let overlaps = 0;
      let second: ReturnType<typeof createLedger> | undefined;
      // The real mock, slow: each check takes 100 seconds; in the middle of the second, another instance reconciles.
      const provider = Object.assign(Object.create(mock) as typeof mock, {
        async checkStatus(query: Parameters<typeof mock.checkStatus>[0]) {
          checks.set(query.reference, (checks.get(query.reference) ?? 0) + 1);
          if (inFlight.has(query.reference)) overlaps += 1;
          inFlight.add(query.reference);
          try {
            if ([...checks.values()].reduce((sum, count) => sum + count) === 2) {
              clock += 30_000;
              await second!.reconcile({ olderThanMs: 0 });
            } else {
              clock += 100_000;
            }
            return await mock.checkStatus(query);
          } finally {
            inFlight.delete(query.reference);
          }
        },
      });
      for (const index of [0, 1, 2]) {
        const written = entry(provider.id, `SLOW${index}`, new Date(clock - 3_600_000 + index));
        await store.insert(written);
        mock.setStatus(written.attempts[0]!.providerReference, { status: 'unknown', error: { code: 'TIMEOUT' } });
      }
      const first = createLedger({ store, provider, now });
      second = createLedger({ store, provider, now });
      await first.reconcile({ olderThanMs: 0 });
      expect(overlaps).toBe(0);
      expect([...checks.values()]).toEqual([1, 1, 1]);
    });

    it('lets only the holder of a reconciler claim renew or release it', async () => {
      const provider = `p${unique()}`;
      const key = { provider, reference: 'CLAIMED' };
      await store.insert(entry(provider, 'CLAIMED', new Date(Date.now() - 3_600_000)));
      const due = [{ provider, states: ['sending'] as EntryState[], updatedBefore: new Date() }];
      const query: DueQuery = { due, now: new Date(), statusCheck: true, limit: 10 };
      const until = new Date(Date.now() + 120_000);
      expect(await store.claimDue(query, { token: 'HOLDER', until })).toEqual({ ...key, state: 'sending' });
      expect(await store.claimDue(query, { token: 'OTHER', until })).toBeUndefined();
      expect(await store.findDue(query)).toEqual([]);
      await store.releaseDue(key, 'OTHER');
      expect(await store.renewDue(key, { token: 'OTHER', until })).toBe(false);
      expect(await store.claimDue(query, { token: 'OTHER', until })).toBeUndefined();
      expect(await store.renewDue(key, { token: 'HOLDER', until: new Date(until.getTime() + 60_000) })).toBe(true);
      // Past the first lease, the renewed one still holds.
      expect(await store.claimDue({ ...query, now: new Date(until.getTime() + 1) }, { token: 'OTHER', until })).toBeUndefined();
      await store.releaseDue(key, 'HOLDER');
      expect(await store.claimDue(query, { token: 'OTHER', until })).toEqual({ ...key, state: 'sending' });
      expect(await store.renewDue({ provider, reference: 'NONE' }, { token: 'OTHER', until })).toBe(false);
    });

    it('keeps the reconciler’s record of an entry, and lists it again only once its next check has come', async () => {
      const provider = `p${unique()}`;
      const key = { provider, reference: 'SCHEDULED' };
      await store.insert(entry(provider, 'SCHEDULED', new Date(Date.now() - 3_600_000)));
      const query = (now: Date): DueQuery => ({
        due: [{ provider, states: ['sending', 'unknown'] as EntryState[], updatedBefore: new Date(now.getTime() - 300_000) }],
        now,
        statusCheck: true,
        limit: 10,
      });
      const listed = async (now: Date) => (await store.findDue(query(now))).map((each) => each.reference);
      expect(await listed(new Date())).toEqual(['SCHEDULED']);
      const nextAt = new Date(Date.now() + 60_000);
      const changed = await store.update(key, (current) => ({
        ...current,
        statusChecks: { count: 3, lastAt: new Date(), nextAt },
        escalation: { at: new Date(), reason: 'checks', checks: 3 },
        updatedAt: new Date(),
      }));
      expect(await store.get(key)).toEqual(changed);
      expect(await listed(new Date())).toEqual([]);
      // Due at its next check, although it changed a moment ago.
      expect(await listed(nextAt)).toEqual(['SCHEDULED']);
      const claimed = await store.claimDue(query(nextAt), { token: 'T', until: new Date(nextAt.getTime() + 120_000) });
      expect(claimed).toEqual({ ...key, state: 'sending' });
    });

    it('hands every outcome to onOutcome once, whoever settled it, when several instances reconcile at once', async () => {
      const provider = createMockProvider({ id: `p${unique()}`, capabilities: { resultDelivery: 'callback' } });
      const told: string[] = [];
      let failing = true;
      const onOutcome = (settled: { provider: string; reference: string; state: string }) => {
        if (failing) throw new Error('the orders service is down');
        // The store is shared with the suite's other tests: their outcomes are due to any onOutcome too.
        if (settled.provider === provider.id) told.push(`${settled.reference}:${settled.state}`);
      };
      const ledgers = Array.from({ length: 3 }, () => createLedger({ store, provider, onOutcome }));
      const references = Array.from({ length: 6 }, (_, index) => `OUT${index}`);
      for (const reference of references) await ledgers[0]!.reverse({ transactionId: `PAY${reference}`, reference });
      for (const reference of references) {
        const attempt = (await ledgers[0]!.get(reference))!.attempts[0]!.providerReference;
        await ledgers[1]!.record(await provider.parseCallback(provider.deliverCallback(attempt, { status: 'succeeded' })), 'callback');
      }
      // onOutcome threw each time: every outcome stays due, in the store, for any instance's reconciler.
      const due = (await store.findOutcomesDue(1_000)).filter((key) => key.provider === provider.id);
      expect(due.map((key) => key.reference).sort()).toEqual([...references].sort());
      expect((await ledgers[0]!.get('OUT0'))?.outcomeDelivery).toMatchObject({ state: 'due', outcome: 'succeeded', attempts: 1 });
      failing = false;
      const reports = await Promise.all(ledgers.flatMap((ledger) => [ledger.reconcile({ limit: 1_000 }), ledger.reconcile({ limit: 1_000 })]));
      expect(told.sort()).toEqual(references.map((reference) => `${reference}:succeeded`).sort());
      expect(reports.reduce((sum, report) => sum + report.handedOver, 0)).toBeGreaterThanOrEqual(references.length);
      expect((await store.findOutcomesDue(1_000)).filter((key) => key.provider === provider.id)).toEqual([]);
      expect((await ledgers[2]!.get('OUT0'))?.outcomeDelivery).toMatchObject({ state: 'done', outcome: 'succeeded', attempts: 1 });
    });

    it('keeps a ledger’s whole story: results, answers, retries, double reversal, resolution', async () => {
      const provider = createMockProvider({ id: `p${unique()}`, capabilities: { resultDelivery: 'callback' } });
      const ledger = createLedger({ store, provider });
      provider.respondOnce({ status: 'failed', error: { code: 'RATE_LIMITED' } });
      const first = await ledger.reverse({ transactionId: 'PDU91HIVIT', amount: '10.50', reference: 'STORY' });
      const second = await ledger.retry('STORY');
      const callback = async (reference: string) => provider.parseCallback(provider.deliverCallback(reference, { status: 'succeeded' }));
      await ledger.record(await callback(second.attempts[1]!.providerReference), 'callback');
      const double = await ledger.record(await callback(first.attempts[0]!.providerReference), 'callback');
      expect(double).toMatchObject({ state: 'double-reversed', doubleReversal: true });
      const read = await ledger.get('STORY');
      expect(read).toEqual(double);
      expect(read?.result?.completedAt).toBeInstanceOf(Date);
      expect(read?.attempts[0]?.answers.map((answer) => answer.status)).toEqual(['failed', 'succeeded']);

      provider.respondOnce({ status: 'unknown', error: { code: 'ALREADY_REVERSED', providerCode: 'R000001' } });
      await ledger.reverse({ transactionId: 'QAB12CDEFG', reference: 'DOUBT' });
      const resolved = await ledger.resolve('DOUBT', { outcome: 'reversed', note: 'Provider support confirmed it' });
      expect(await ledger.get('DOUBT')).toEqual(resolved);
      expect(resolved.resolution?.at).toBeInstanceOf(Date);
    });
  });
}
