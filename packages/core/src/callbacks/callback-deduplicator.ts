import { ExpiringMap } from '../kit/expiring-map.js';
import type { ReversalResult } from '../reversal-result.js';

/**
 * Remembers which results were already handed to `onResult`, so a provider delivering the same
 * callback twice (it retries when our answer was slow or lost) reaches your code once. Plug in a
 * shared one (Redis `SET key 1 NX PX ttl` / `DEL`, a unique-key insert) when several instances
 * receive callbacks.
 */
export interface CallbackDeduplicator {
  /**
   * Marks `key` as being handled. Resolves `true` when this caller should handle it, `false` when
   * it was already claimed (a duplicate). Must be atomic across everything sharing the deduplicator.
   */
  claim(key: string): Promise<boolean>;
  /** Forgets a claim whose handling failed, so the provider's next delivery is handled again. */
  release(key: string): Promise<void>;
}

/** Limits of {@link createMemoryDeduplicator}. */
export interface MemoryDeduplicatorOptions {
  /** The oldest keys are forgotten beyond this many. Default 10,000. */
  readonly maxEntries?: number;
  /** A key is forgotten this long after it was claimed. Default 24 hours. */
  readonly ttlMs?: number;
}

/**
 * The default {@link CallbackDeduplicator}: bounded, in this process's memory. A duplicate that
 * arrives after its key was forgotten (beyond `maxEntries` results, or after `ttlMs`) reaches
 * `onResult` again, so keep `onResult` idempotent all the same.
 *
 * @example
 * const callbacks = createCallbackHandler({ provider, onResult, dedupe: createMemoryDeduplicator({ maxEntries: 100_000 }) });
 */
export function createMemoryDeduplicator(options: MemoryDeduplicatorOptions = {}): CallbackDeduplicator {
  const claimed = new ExpiringMap<string, true>({
    maxEntries: options.maxEntries ?? 10_000,
    ttlMs: options.ttlMs ?? 24 * 60 * 60 * 1000,
  });
  return {
    async claim(key) {
      if (claimed.has(key)) return false;
      claimed.set(key, true);
      return true;
    },
    async release(key) {
      claimed.delete(key);
    },
  };
}

/**
 * The de-duplication key of a result: provider, reference, status and the provider's code. The
 * same outcome delivered twice has the same key; a different outcome for the same reference does not.
 */
export function deduplicationKey(result: ReversalResult): string {
  const code = result.status === 'failed' || result.status === 'unknown' ? result.error.providerCode : '';
  return JSON.stringify([result.provider, result.reference, result.status, code]);
}
