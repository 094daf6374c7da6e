import { ExpiringMap } from '../kit/expiring-map.js';
import type { ReversalResult } from '../reversal-result.js';
import { currentResult, recordAttemptResult } from './result-attempts.js';
import type { ResultStore } from './result-store.js';

/** Limits of {@link createMemoryResultStore}. */
export interface MemoryResultStoreOptions {
  /** The results of the oldest references are forgotten beyond this many references. Default 10,000. */
  readonly maxEntries?: number;
  /** A reference's results are forgotten this long after its last result was recorded. Default 24 hours. */
  readonly ttlMs?: number;
  /** At most this many subscriptions (waiting callers) at once; more reject. Default 10,000. */
  readonly maxSubscribers?: number;
}

/**
 * The default {@link ResultStore}: bounded (at most 16 attempts per reference, `maxEntries`
 * references, `ttlMs`), in this process's memory. Enough for one instance; a
 * deployment with several instances (the callback may reach another instance than the one
 * waiting) plugs in a shared store instead (see {@link ResultStore}).
 *
 * @example
 * const store = createMemoryResultStore({ maxEntries: 50_000 });
 * const callbacks = createCallbackHandler({ provider, onResult, store });
 */
export function createMemoryResultStore(options: MemoryResultStoreOptions = {}): ResultStore {
  const references = new ExpiringMap<string, { attempts: readonly ReversalResult[]; current: ReversalResult }>({
    maxEntries: options.maxEntries ?? 10_000,
    ttlMs: options.ttlMs ?? 24 * 60 * 60 * 1000,
  });
  const maxSubscribers = options.maxSubscribers ?? 10_000;
  const listeners = new Map<string, Set<(result: ReversalResult) => void>>();
  let subscriberCount = 0;

  return {
    async get(reference) {
      return references.get(reference)?.current;
    },
    async attempts(reference) {
      return references.get(reference)?.attempts ?? [];
    },
    async set(result) {
      const attempts = recordAttemptResult(references.get(result.reference)?.attempts ?? [], result);
      if (!attempts) return;
      const current = currentResult(attempts) as ReversalResult;
      references.set(result.reference, { attempts, current });
      for (const listener of [...(listeners.get(result.reference) ?? [])]) {
        try {
          listener(current);
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
