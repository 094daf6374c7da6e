import { describe, expect, it } from 'vitest';
import { withDerivedState } from '../model/entry-view.js';
import { newAttempt } from '../model/new-attempt.js';
import { createMemoryLedgerStore } from './memory-store.js';
import { describeStoreSuite } from './store-suite.js';

describeStoreSuite('memory', async () => createMemoryLedgerStore());

describe('memory store bounds', () => {
  const at = new Date('2026-01-01T00:00:00Z');
  const record = (reference: string, state: 'succeeded' | 'unknown') => {
    const attempt = { ...newAttempt(1, at), state };
    return withDerivedState(
      { provider: 'p', reference, request: { transactionId: 'T1' }, statusCheck: true, attempts: [attempt], createdAt: at, updatedAt: at },
      at,
    );
  };

  it('refuses new entries when full of entries in doubt, rather than evicting one', async () => {
    const store = createMemoryLedgerStore({ maxEntries: 2, retentionMs: 0, now: () => new Date(at.getTime() + 1) });
    await store.insert(record('A', 'unknown'));
    await store.insert(record('B', 'unknown'));
    await expect(store.insert(record('C', 'unknown'))).rejects.toMatchObject({ code: 'ERR_LEDGER_STORE_FULL' });
    expect(await store.get({ provider: 'p', reference: 'A' })).toBeDefined();
  });

  it('makes room by deleting final entries past the retention only', async () => {
    let now = at.getTime();
    const store = createMemoryLedgerStore({ maxEntries: 2, retentionMs: 1_000, now: () => new Date(now) });
    await store.insert(record('FINAL', 'succeeded'));
    await store.insert(record('DOUBT', 'unknown'));
    await expect(store.insert(record('C', 'unknown'))).rejects.toMatchObject({ code: 'ERR_LEDGER_STORE_FULL' });
    now += 1_001;
    await expect(store.insert(record('C', 'unknown'))).resolves.toMatchObject({ kind: 'inserted' });
    expect(await store.get({ provider: 'p', reference: 'FINAL' })).toBeUndefined();
    expect(await store.get({ provider: 'p', reference: 'DOUBT' })).toBeDefined();
  });

  it('refuses options that are not limits', () => {
    expect(() => createMemoryLedgerStore({ maxEntries: 0 })).toThrow(/maxEntries/);
    expect(() => createMemoryLedgerStore({ retentionMs: -1 })).toThrow(/retentionMs/);
  });
});
