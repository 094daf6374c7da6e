import type { ReversalResult } from '../reversal-result.js';
import { type CallbackDeduplicator, deduplicationKey } from './callback-deduplicator.js';
import type { ResultStore } from './result-store.js';

/** What handing a result to the application gave. */
export type DeliveryOutcome =
  | { readonly kind: 'delivered' | 'duplicate' }
  | { readonly kind: 'failed'; readonly stage: 'on-result' | 'store' | 'dedupe'; readonly error: unknown };

/** What {@link createResultDelivery} needs. */
export interface ResultDeliveryOptions {
  readonly onResult: (result: ReversalResult) => unknown;
  readonly dedupe: CallbackDeduplicator | undefined;
  readonly store: ResultStore;
}

/**
 * The one path every result takes to the application, received by callback or obtained
 * directly: claim it (a duplicate stops here), `await onResult`, record it in the store. When
 * `onResult` or the store fails the claim is released, so the provider's next delivery gets
 * through. A `pending` result is only recorded: it is not an outcome.
 */
export function createResultDelivery({ onResult, dedupe, store }: ResultDeliveryOptions) {
  return async function deliver(result: ReversalResult): Promise<DeliveryOutcome> {
    if (result.status === 'pending') return attempt('store', () => store.set(result));
    const key = deduplicationKey(result);
    if (dedupe) {
      const claimed = await attempt('dedupe', () => dedupe.claim(key));
      if (claimed.kind === 'failed') return claimed;
      if (!claimed.value) return { kind: 'duplicate' };
    }
    let outcome: DeliveryOutcome = await attempt('on-result', () => onResult(result));
    if (outcome.kind !== 'failed') outcome = await attempt('store', () => store.set(result));
    if (outcome.kind === 'failed' && dedupe) await dedupe.release(key).catch(() => {});
    return outcome;
  };
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
