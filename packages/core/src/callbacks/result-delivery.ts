import type { ReversalResult } from '../reversal-result.js';
import type { CallbackDeduplicator } from './callback-deduplicator.js';
import type { CallbackLedger } from './callback-ledger.js';
import { changesRecord, deduplicationKey } from './result-attempts.js';
import type { ResultStore } from './result-store.js';

/**
 * What handing a result to the application gave. `unchanged`: the result changes nothing the store
 * recorded for its attempt (a late queue timeout after that attempt's success); acknowledged, not
 * handed over. `in-progress`: another delivery of the same outcome holds the claim and has not
 * settled; this one must not be acknowledged (answer 503).
 */
export type DeliveryOutcome =
  | { readonly kind: 'delivered' | 'duplicate' | 'unchanged' }
  | { readonly kind: 'in-progress'; readonly retryAfterSeconds: number }
  | { readonly kind: 'failed'; readonly stage: 'on-result' | 'store' | 'dedupe'; readonly error: unknown };

/** What {@link createResultDelivery} needs. */
export interface ResultDeliveryOptions {
  readonly onResult: (result: ReversalResult) => unknown;
  readonly dedupe: CallbackDeduplicator | undefined;
  readonly store: ResultStore;
  /** How long a claim stays in progress without settling before another delivery may take it over. */
  readonly dedupeLeaseMs: number;
  /** How long a duplicate waits for a delivery in progress in this process before it is answered 503. */
  readonly dedupeWaitMs: number;
  /** Records every result first; then only the outcomes it reports reach `onResult`, once each. */
  readonly ledger?: CallbackLedger | undefined;
}

/**
 * The one path every result takes to the application, received by callback or obtained
 * directly: claim it (a duplicate of a handled outcome stops here), `await onResult`, record it in
 * the store, mark the claim done. When `onResult` or the store fails the claim is released, so the
 * provider's next delivery gets through. A duplicate arriving while the claim is in progress waits
 * for it (up to `dedupeWaitMs`, when it runs in this process) and is then handled as if it had
 * just arrived; otherwise it is `in-progress`, never acknowledged for an outcome not yet recorded.
 * A `pending` result is only recorded: it is not an outcome, and neither is a result that changes
 * nothing the store recorded for its attempt (`unchanged`, acknowledged). With a ledger, every result is
 * recorded to the ledger first, and what reaches `onResult` is the outcome the ledger reports,
 * claimed through the ledger's `outcomeClaims` instead of `dedupe`.
 */
export function createResultDelivery({ onResult, dedupe, store, dedupeLeaseMs, dedupeWaitMs, ledger }: ResultDeliveryOptions) {
  // The deliveries this process is inside of now, by key, for duplicates to wait on. Bounded by
  // the requests being served at once: an entry lives only while its onResult runs.
  const running = new Map<string, Promise<DeliveryOutcome>>();

  async function handle(result: ReversalResult): Promise<DeliveryOutcome> {
    // Without a ledger the store is the record: news that changes nothing in it is not news.
    const changes = await attempt('store', () => changesRecord(store, result));
    if (changes.kind === 'failed') return changes;
    if (!changes.value) return { kind: 'unchanged' };
    const outcome = await attempt('on-result', () => onResult(result));
    return outcome.kind === 'failed' ? outcome : attempt('store', () => store.set(result));
  }

  const handOver = (result: ReversalResult) => attempt('on-result', () => onResult(result));

  async function claimAndHandle(
    result: ReversalResult,
    key: string,
    deduplicator: CallbackDeduplicator,
    work: (result: ReversalResult) => Promise<DeliveryOutcome>,
  ): Promise<DeliveryOutcome> {
    const claim = await attempt('dedupe', () => deduplicator.claim(key, { leaseMs: dedupeLeaseMs }));
    if (claim.kind === 'failed') return claim;
    if (claim.value.kind === 'done') return { kind: 'duplicate' };
    if (claim.value.kind === 'in-progress') {
      const leaseLeft = Math.min(claim.value.retryAfterMs ?? dedupeLeaseMs, dedupeLeaseMs);
      return { kind: 'in-progress', retryAfterSeconds: Math.max(1, Math.ceil(leaseLeft / 1000)) };
    }
    const { token } = claim.value;
    const handling = work(result).then(async (outcome) => {
      if (outcome.kind === 'failed') await deduplicator.release(key, token).catch(() => {});
      // The outcome is recorded either way; a failed `complete` only lets a redelivery through after the lease.
      else await deduplicator.complete(key, token).catch(() => {});
      return outcome;
    });
    running.set(key, handling);
    try {
      return await handling;
    } finally {
      if (running.get(key) === handling) running.delete(key);
    }
  }

  /** Hands `result` over once per `key`; a duplicate in progress here is waited for, up to `dedupeWaitMs`. */
  async function once(
    result: ReversalResult,
    key: string,
    deduplicator: CallbackDeduplicator,
    work: (result: ReversalResult) => Promise<DeliveryOutcome>,
  ): Promise<DeliveryOutcome> {
    const outcome = await claimAndHandle(result, key, deduplicator, work);
    const first = running.get(key);
    if (outcome.kind !== 'in-progress' || !first || dedupeWaitMs <= 0) return outcome;
    if (!(await settlesWithin(first, dedupeWaitMs))) return outcome;
    // The first delivery settled: done → a duplicate; released after a failure → this one handles it.
    return claimAndHandle(result, key, deduplicator, work);
  }

  return async function deliver(result: ReversalResult): Promise<DeliveryOutcome> {
    if (ledger) {
      const receipt = await attempt('store', () => ledger.receive(result));
      if (receipt.kind === 'failed') return receipt;
      if (receipt.value.kind === 'recorded') return { kind: 'delivered' };
      if (receipt.value.kind === 'outcome') return once(receipt.value.result, receipt.value.key, ledger.outcomeClaims, handOver);
    }
    if (result.status === 'pending') return attempt('store', () => store.set(result));
    if (!dedupe) return handle(result);
    return once(result, deduplicationKey(result), dedupe, handle);
  };
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function attempt<T>(
  stage: 'on-result' | 'store' | 'dedupe',
  action: () => T | Promise<T>,
): Promise<{ kind: 'delivered'; value: Awaited<T> } | Extract<DeliveryOutcome, { kind: 'failed' }>> {
  try {
    return { kind: 'delivered', value: await action() };
  } catch (error) {
    return { kind: 'failed', stage, error };
  }
}
