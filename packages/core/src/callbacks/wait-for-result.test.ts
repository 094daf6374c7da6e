import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReversalResult } from '../reversal-result.js';
import { createMemoryResultStore } from './memory-result-store.js';
import type { ResultStore } from './result-store.js';
import { waitForResult } from './wait-for-result.js';

const base = { provider: 'p', reference: 'REF1', originalTransactionId: 'TX1', metadata: {}, raw: {} };
const pending: ReversalResult = { ...base, status: 'pending' };
const succeeded: ReversalResult = { ...base, status: 'succeeded', reversalTransactionId: 'RCPT1' };
const unknown: ReversalResult = {
  ...base,
  status: 'unknown',
  error: { code: 'TIMEOUT', providerCode: 'QUEUE_TIMEOUT', message: 'check status', retryable: false },
};

/** A memory store that counts live subscriptions, to prove none is left behind. */
function countingStore(inner: ResultStore = createMemoryResultStore()) {
  let live = 0;
  const store: ResultStore = {
    get: (reference) => inner.get(reference),
    set: (result) => inner.set(result),
    async subscribe(reference, listener) {
      const stop = await inner.subscribe(reference, listener);
      live += 1;
      return async () => {
        live -= 1;
        await stop();
      };
    },
  };
  return { store, live: () => live };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.useRealTimers();
});

describe('waitForResult', () => {
  it('resolves at once with a final result already known', async () => {
    const { store, live } = countingStore();
    await store.set(succeeded);
    await expect(waitForResult(store, 'REF1', { timeoutMs: 60_000 })).resolves.toBe(succeeded);
    await settle();
    expect(live()).toBe(0);
  });

  it('resolves when the final result arrives, passing over pending and unknown', async () => {
    const { store, live } = countingStore();
    const waiting = waitForResult(store, 'REF1', { timeoutMs: 60_000 });
    await settle();
    await store.set(pending);
    await store.set(unknown);
    await store.set(succeeded);
    await expect(waiting).resolves.toBe(succeeded);
    await settle();
    expect(live()).toBe(0);
  });

  it('resolves with the last known result, or undefined, when the time is up', async () => {
    vi.useFakeTimers();
    const { store, live } = countingStore();
    await store.set(unknown);
    const lastKnown = waitForResult(store, 'REF1', { timeoutMs: 5_000 });
    const nothing = waitForResult(store, 'OTHER', { timeoutMs: 5_000 });
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(lastKnown).resolves.toBe(unknown);
    await expect(nothing).resolves.toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
    expect(live()).toBe(0);
  });

  it('rejects with the signal reason when aborted, before or while waiting, and cleans up', async () => {
    const { store, live } = countingStore();
    const before = AbortSignal.abort(new Error('gave up'));
    await expect(waitForResult(store, 'REF1', { signal: before })).rejects.toThrow('gave up');
    const controller = new AbortController();
    const waiting = waitForResult(store, 'REF1', { timeoutMs: 60_000, signal: controller.signal });
    await settle();
    expect(live()).toBe(1);
    controller.abort(new Error('shutting down'));
    await expect(waiting).rejects.toThrow('shutting down');
    await settle();
    expect(live()).toBe(0);
  });

  it('unsubscribes a subscription that completes after the wait ended', async () => {
    vi.useFakeTimers();
    let stopped = 0;
    let release: () => void = () => {};
    const slow: ResultStore = {
      get: async () => undefined,
      set: async () => {},
      subscribe: () =>
        new Promise((resolve) => {
          release = () =>
            resolve(() => {
              stopped += 1;
            });
        }),
    };
    const waiting = waitForResult(slow, 'REF1', { timeoutMs: 100 });
    await vi.advanceTimersByTimeAsync(100);
    await expect(waiting).resolves.toBeUndefined();
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(1);
  });

  it('rejects when the store cannot subscribe, and on a bad timeout', async () => {
    const broken: ResultStore = {
      get: async () => undefined,
      set: async () => {},
      subscribe: async () => {
        throw new Error('redis down');
      },
    };
    await expect(waitForResult(broken, 'REF1', { timeoutMs: 60_000 })).rejects.toThrow('redis down');
    await expect(waitForResult(createMemoryResultStore(), 'REF1', { timeoutMs: -1 })).rejects.toThrow(RangeError);
    await expect(waitForResult(createMemoryResultStore(), 'REF1', { timeoutMs: Number.NaN })).rejects.toThrow(RangeError);
  });
});
