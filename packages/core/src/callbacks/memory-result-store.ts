import { ExpiringMap } from '../kit/expiring-map.js';
import { isFinalResult, type ReversalResult } from '../reversal-result.js';
import type { ResultStore } from './result-store.js';

/** Limits of {@link createMemoryResultStore}. */
export interface MemoryResultStoreOptions {
  /** The oldest results are forgotten beyond this many. Default 10,000. */
  readonly maxEntries?: number;
  /** A result is forgotten this long after it was recorded. Default 24 hours. */
  readonly ttlMs?: number;
  /** At most this many subscriptions (waiting callers) at once; more reject. Default 10,000. */
  readonly maxSubscribers?: number;
}

/**
 * The default {@link ResultStore}: bounded, in this process's memory. Enough for one instance; a
 * deployment with several instances (the callback may reach another instance than the one
 * waiting) plugs in a shared store instead (see {@link ResultStore}).
 *
 * @example
 * const store = createMemoryResultStore({ maxEntries: 50_000 });
 * const callbacks = createCallbackHandler({ provider, onResult, store });
 */
export function createMemoryResultStore(options: MemoryResultStoreOptions = {}): ResultStore {
  const results = new ExpiringMap<string, ReversalResult>({
    maxEntries: options.maxEntries ?? 10_000,
    ttlMs: options.ttlMs ?? 24 * 60 * 60 * 1000,
  });
  const maxSubscribers = options.maxSubscribers ?? 10_000;
  const listeners = new Map<string, Set<(result: ReversalResult) => void>>();
  let subscriberCount = 0;

  return {
    async get(reference) {
      return results.get(reference);
    },
    async set(result) {
      const known = results.get(result.reference);
      if (known && isFinalResult(known) && !isFinalResult(result)) return;
      results.set(result.reference, result);
      for (const listener of [...(listeners.get(result.reference) ?? [])]) {
        try {
          listener(result);
        } catch {
          // A listener's failure is its own; the other listeners and the sender must not see it.
        }
      }
    },
    async subscribe(reference, listener) {
      if (subscriberCount >= maxSubscribers) {
        throw new RangeError(
          `The result store already has ${maxSubscribers} subscribers; wait for fewer results at once or raise maxSubscribers.`,
        );
      }
      // A wrapper per subscription, so the same function subscribed twice is removed once per call.
      const entry = (result: ReversalResult) => listener(result);
      const set = listeners.get(reference) ?? new Set();
      set.add(entry);
      listeners.set(reference, set);
      subscriberCount += 1;
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        subscriberCount -= 1;
        set.delete(entry);
        if (set.size === 0 && listeners.get(reference) === set) listeners.delete(reference);
      };
    },
  };
}
