import { describe, expect, it } from 'vitest';
import type { ReversalResult } from '../reversal-result.js';
import { createMemoryResultStore } from './memory-result-store.js';
import { reviveResult } from './revive-result.js';

const result = (reference: string, status: 'pending' | 'succeeded'): ReversalResult => ({
  provider: 'p',
  reference,
  originalTransactionId: 'TX1',
  status,
  metadata: {},
  raw: {},
});

describe('createMemoryResultStore', () => {
  it('keeps a final result over a later pending one, and notifies subscribers of what it records', async () => {
    const store = createMemoryResultStore();
    const seen: string[] = [];
    const stop = await store.subscribe('REF1', (received) => seen.push(received.status));
    await store.set(result('REF1', 'pending'));
    await store.set(result('REF1', 'succeeded'));
    await store.set(result('REF1', 'pending'));
    expect((await store.get('REF1'))?.status).toBe('succeeded');
    expect(seen).toEqual(['pending', 'succeeded']);
    await stop();
    await store.set(result('REF1', 'succeeded'));
    expect(seen).toHaveLength(2);
  });

  it('isolates a throwing listener', async () => {
    const store = createMemoryResultStore();
    const seen: string[] = [];
    await store.subscribe('REF1', () => {
      throw new Error('listener bug');
    });
    await store.subscribe('REF1', (received) => seen.push(received.reference));
    await expect(store.set(result('REF1', 'succeeded'))).resolves.toBeUndefined();
    expect(seen).toEqual(['REF1']);
  });

  it('is bounded: old results are dropped, subscribers are capped', async () => {
    const store = createMemoryResultStore({ maxEntries: 2, maxSubscribers: 1 });
    for (const reference of ['A', 'B', 'C']) await store.set(result(reference, 'succeeded'));
    expect(await store.get('A')).toBeUndefined();
    expect(await store.get('C')).toBeDefined();
    const stop = await store.subscribe('A', () => {});
    await expect(store.subscribe('B', () => {})).rejects.toThrow(/maxSubscribers/);
    await stop();
    await stop();
    await expect(store.subscribe('B', () => {})).resolves.toBeTypeOf('function');
  });
});

describe('reviveResult', () => {
  it('restores a result from JSON, completedAt as a Date', () => {
    const original: ReversalResult = { ...result('REF1', 'succeeded'), completedAt: new Date('2024-01-02T03:04:05.000Z') };
    const revived = reviveResult(JSON.parse(JSON.stringify(original)));
    expect(revived).toEqual(original);
    expect(revived.completedAt).toBeInstanceOf(Date);
  });

  it('refuses what is not a serialised result', () => {
    for (const value of [null, 'x', {}, { provider: 'p', reference: 'R', status: 'done' }]) {
      expect(() => reviveResult(value)).toThrow(TypeError);
    }
  });
});
