import { ExpiringMap } from '../kit/expiring-map.js';

/**
 * What {@link CallbackDeduplicator.claim} found:
 *
 * - `claimed` – this delivery handles the result; it must end with `complete` or `release`, passing `token`.
 * - `done` – an earlier delivery handled it: a duplicate, acknowledged without calling `onResult`.
 * - `in-progress` – another delivery holds a live lease and has not settled yet: this one must not be
 *   acknowledged (the first may still fail). `retryAfterMs`, when known, is how long the lease has left.
 */
export type ClaimOutcome =
  | { readonly kind: 'claimed'; readonly token: string }
  | { readonly kind: 'done' }
  | { readonly kind: 'in-progress'; readonly retryAfterMs?: number };

/**
 * Remembers which results were already handed to `onResult`, so a provider delivering the same
 * callback twice (it retries when our answer was slow or lost) reaches your code once — and a
 * delivery arriving while the first is still inside `onResult` is not acknowledged before the first
 * has succeeded. A claim goes through two states: *in progress* (with a lease, so that a process
 * that dies inside `onResult` blocks redeliveries only until the lease ends) and *done*.
 *
 * A shared one for several instances, with Redis (`token` a random value):
 * - `claim`: `SET key in-progress:<token> NX PX leaseMs` → `claimed`; otherwise `GET key`: `done` →
 *   `done`, else `in-progress` (`PTTL key` is `retryAfterMs`).
 * - `complete`: `SET key done PX <retention>` (whoever holds the lease: the outcome is recorded).
 * - `release`: in a Lua script, `DEL key` only while it still holds `in-progress:<token>`.
 */
export interface CallbackDeduplicator {
  /**
   * Claims `key` for `leaseMs` milliseconds. Must be atomic across everything sharing the
   * deduplicator; an expired lease is claimable again as if it had never been claimed.
   */
  claim(key: string, options: { readonly leaseMs: number }): Promise<ClaimOutcome>;
  /** Marks `key` done: the result was handed over and recorded; later deliveries are duplicates. */
  complete(key: string, token: string): Promise<void>;
  /**
   * Gives up a claim whose handling failed, so the provider's next delivery is handled again. Does
   * nothing unless `key` is still in progress under `token` (a later claim, after the lease ended, is kept).
   */
  release(key: string, token: string): Promise<void>;
}

/** Limits of {@link createMemoryDeduplicator}. */
export interface MemoryDeduplicatorOptions {
  /** The oldest keys (done or in progress) are forgotten beyond this many. Default 10,000. */
  readonly maxEntries?: number;
  /** A key is forgotten this long after it was claimed or completed. Default 24 hours. */
  readonly ttlMs?: number;
}

type Claim = { readonly state: 'done' } | { readonly state: 'in-progress'; readonly token: string; readonly leaseEndsAt: number };

/**
 * The default {@link CallbackDeduplicator}: bounded, in this process's memory. A duplicate that
 * arrives after its key was forgotten (beyond `maxEntries` keys, or after `ttlMs`) reaches
 * `onResult` again, so keep `onResult` idempotent all the same.
 *
 * @example
 * const callbacks = createCallbackHandler({ provider, onResult, dedupe: createMemoryDeduplicator({ maxEntries: 100_000 }) });
 */
export function createMemoryDeduplicator(options: MemoryDeduplicatorOptions = {}): CallbackDeduplicator {
  const claims = new ExpiringMap<string, Claim>({
    maxEntries: options.maxEntries ?? 10_000,
    ttlMs: options.ttlMs ?? 24 * 60 * 60 * 1000,
  });
  let sequence = 0;
  return {
    async claim(key, { leaseMs }) {
      const known = claims.get(key);
      const now = Date.now();
      if (known?.state === 'done') return { kind: 'done' };
      if (known?.state === 'in-progress' && known.leaseEndsAt > now) {
        return { kind: 'in-progress', retryAfterMs: known.leaseEndsAt - now };
      }
      sequence += 1;
      const token = `${now.toString(36)}-${sequence.toString(36)}`;
      claims.set(key, { state: 'in-progress', token, leaseEndsAt: now + leaseMs });
      return { kind: 'claimed', token };
    },
    async complete(key) {
      claims.set(key, { state: 'done' });
    },
    async release(key, token) {
      const known = claims.get(key);
      if (known?.state === 'in-progress' && known.token === token) claims.delete(key);
    },
  };
}
