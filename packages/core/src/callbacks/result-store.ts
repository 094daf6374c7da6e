import type { ReversalResult } from '../reversal-result.js';

/** Stops a {@link ResultStore.subscribe} subscription. */
export type Unsubscribe = () => void | Promise<void>;

/**
 * Where the callback handler keeps the results it received, and where {@link waitForResult} looks
 * for them. Every method is asynchronous so that a shared store (Redis, Postgres, a message
 * broker) fits behind it; the default {@link createMemoryResultStore} only sees this process.
 *
 * Rules an implementation must keep:
 * - Results are keyed by `result.reference`.
 * - `set` never replaces a final result (`succeeded`/`failed`) by a non-final one (`pending`/`unknown`):
 *   a late `pending` must not hide an outcome that is already known.
 * - `subscribe` calls the listener for every result `set` for that reference after the subscription
 *   is in place — in any process, for a shared store — until the returned function is called.
 *   Listeners must not throw; an implementation ignores them if they do.
 * - Bounded: entries expire (a day is plenty; providers deliver within minutes).
 * - `completedAt` is a `Date`: a store that serialises results as JSON revives it on the way out.
 *
 * @example
 * // A multi-instance deployment: results in Redis, notifications through its pub/sub.
 * const store: ResultStore = {
 *   async get(reference) {
 *     const text = await redis.get(`reversal:${reference}`);
 *     return text ? reviveResult(JSON.parse(text)) : undefined;
 *   },
 *   async set(result) {
 *     // Keep a final result: in a Lua script or WATCH/MULTI, skip the write when the stored one is final.
 *     await redis.set(`reversal:${result.reference}`, JSON.stringify(result), { EX: 86_400 });
 *     await redis.publish(`reversal:${result.reference}`, JSON.stringify(result));
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
  /** The last result known for a reference, or `undefined`. */
  get(reference: string): Promise<ReversalResult | undefined>;
  /** Records a result (see the rules above) and notifies the reference's subscribers. */
  set(result: ReversalResult): Promise<void>;
  /** Calls `listener` with each result recorded for `reference` until the returned function is called. */
  subscribe(reference: string, listener: (result: ReversalResult) => void): Promise<Unsubscribe>;
}
