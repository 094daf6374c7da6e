import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryDeduplicator } from './callback-deduplicator.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('createMemoryDeduplicator', () => {
  it('claims once, reports the claim in progress until it settles, then done', async () => {
    const dedupe = createMemoryDeduplicator();
    const claim = await dedupe.claim('K', { leaseMs: 60_000 });
    expect(claim.kind).toBe('claimed');
    const during = await dedupe.claim('K', { leaseMs: 60_000 });
    expect(during.kind).toBe('in-progress');
    expect(during.kind === 'in-progress' && during.retryAfterMs).toBeLessThanOrEqual(60_000);
    await dedupe.complete('K', claim.kind === 'claimed' ? claim.token : '');
    expect(await dedupe.claim('K', { leaseMs: 60_000 })).toEqual({ kind: 'done' });
  });

  it('makes a released key claimable again', async () => {
    const dedupe = createMemoryDeduplicator();
    const claim = await dedupe.claim('K', { leaseMs: 60_000 });
    await dedupe.release('K', claim.kind === 'claimed' ? claim.token : '');
    expect((await dedupe.claim('K', { leaseMs: 60_000 })).kind).toBe('claimed');
  });

  it('hands an expired lease to the next claim, and keeps that claim when the first holder releases late', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const dedupe = createMemoryDeduplicator();
    const first = await dedupe.claim('K', { leaseMs: 1_000 });
    vi.setSystemTime(Date.now() + 1_000);
    const second = await dedupe.claim('K', { leaseMs: 1_000 });
    expect(second.kind).toBe('claimed');
    await dedupe.release('K', first.kind === 'claimed' ? first.token : '');
    expect((await dedupe.claim('K', { leaseMs: 1_000 })).kind).toBe('in-progress');
  });

  it('is bounded: the oldest keys are forgotten beyond maxEntries', async () => {
    const dedupe = createMemoryDeduplicator({ maxEntries: 2 });
    for (const key of ['A', 'B', 'C']) {
      const claim = await dedupe.claim(key, { leaseMs: 60_000 });
      await dedupe.complete(key, claim.kind === 'claimed' ? claim.token : '');
    }
    expect((await dedupe.claim('A', { leaseMs: 60_000 })).kind).toBe('claimed');
    expect((await dedupe.claim('C', { leaseMs: 60_000 })).kind).toBe('done');
  });
});
