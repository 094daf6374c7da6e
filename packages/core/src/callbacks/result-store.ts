import type { ReversalResult } from '../reversal-result.js';

/** Stops a {@link ResultStore.subscribe} subscription. */
export type Unsubscribe = () => void | Promise<void>;

/**
 * Where the callback handler keeps the results it received, and where {@link waitForResult} looks
 * for them. Every method is asynchronous so that a shared store (Redis, Postgres, a message
 * broker) fits behind it; the default {@link createMemoryResultStore} only sees this process.
 *
 * Rules an implementation must keep:
 * - Results are recorded per reference **and per attempt** (one request to the provider; see
 *   `sameAttempt`): a resend under the same reference is a new attempt, and its results do not
 *   overwrite the earlier attempt's. `recordAttemptResult` applies the rules below to a reference's list.
 * - Within an attempt, a `succeeded` is never replaced, and a final result (`succeeded`/`failed`) is
 *   not replaced by a non-final one (`pending`/`unknown`): a late `pending` must not hide an outcome.
 * - `get` answers the reference's current result, as `currentResult` computes it: a
 *   `succeeded` of any attempt wins (a later "already reversed" never undoes it); a new attempt's
 *   `pending` supersedes an earlier failure; `failed` only once every attempt has failed.
 * - `subscribe` calls the listener with the reference's current result after every `set` that
 *   changed it — in any process, for a shared store — until the returned function is called.
 *   Listeners must not throw; an implementation ignores them if they do.
 * - Bounded: entries expire (a day is plenty; providers deliver within minutes).
 * - `completedAt` is a `Date`: a store that serialises results as JSON revives it on the way out.
 *
 * @example
 * // A multi-instance deployment: results in Redis, notifications through its pub/sub.
 * const load = async (reference: string): Promise<ReversalResult[]> =>
 *   JSON.parse((await redis.get(`reversal:${reference}`)) ?? '[]').map(reviveResult);
 * const store: ResultStore = {
 *   async get(reference) {
 *     return currentResult(await load(reference));
 *   },
 *   attempts: load,
 *   async set(result) {
 *     // Read-modify-write: run it under WATCH/MULTI (retry on conflict) or a lock per reference.
 *     const attempts = recordAttemptResult(await load(result.reference), result);
 *     if (!attempts) return;
 *     await redis.set(`reversal:${result.reference}`, JSON.stringify(attempts), { EX: 86_400 });
 *     await redis.publish(`reversal:${result.reference}`, JSON.stringify(currentResult(attempts)));
 *   },
 *   async subscribe(reference, listener) {
 *     const subscriber = redis.duplicate();
 *     await subscriber.connect();
 *     await subscriber.subscribe(`reversal:${reference}`, (text) => listener(reviveResult(JSON.parse(text))));
 *     return () => subscriber.quit();
 *   },
 * };
 */
export interface ResultStore {
  /** The reference's current result (see the rules above), or `undefined`. */
  get(reference: string): Promise<ReversalResult | undefined>;
  /** Records a result (see the rules above) and notifies the reference's subscribers. */
  set(result: ReversalResult): Promise<void>;
  /**
   * The latest result of each of the reference's attempts, oldest first (the list
   * `recordAttemptResult` works on), `[]` for a reference it does not know. Optional: with it, the
   * callback handler tells exactly which results change nothing an attempt recorded and keeps them
   * from `onResult`; without it, it can tell only for the attempt `get` answers with.
   */
  attempts?(reference: string): Promise<readonly ReversalResult[]>;
  /** Calls `listener` with the reference's current result after each change, until the returned function is called. */
  subscribe(reference: string, listener: (result: ReversalResult) => void): Promise<Unsubscribe>;
}
