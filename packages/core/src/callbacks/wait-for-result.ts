import { isFinalResult, type ReversalResult } from '../reversal-result.js';
import type { ResultStore, Unsubscribe } from './result-store.js';

/** Options of {@link waitForResult}. */
export interface WaitForResultOptions {
  /** How long to wait for a final result, in milliseconds. Default 60,000. */
  readonly timeoutMs?: number;
  /** Stops waiting: the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Waits for the final result (`succeeded` or `failed`) of a reversal whose outcome arrives by
 * callback. Resolves with it as soon as the store has it (at once if it already does); when
 * `timeoutMs` passes first, resolves with the last result the store knows — `pending`, `unknown`
 * (e.g. Daraja's queue timeout: check the status) — or `undefined`. Rejects with `signal.reason`
 * when aborted. Leaves no timer or listener behind either way.
 *
 * It follows the reference's current result (see {@link ResultStore}): a `succeeded` of any
 * attempt; a failure only once every attempt known to the store has failed. After a resend under a
 * reference whose earlier attempt failed, record the new attempt's `pending` result first
 * (`callbacks.deliver(pending)`), or the earlier failure is still the reference's current result.
 *
 * It sees what reaches `store`: with the default in-memory store, callbacks received by this
 * process. Several instances share results through a shared {@link ResultStore}.
 *
 * @example
 * const pending = await provider.reverse({ transactionId: 'PDU91HIVIT', amount: '200.00' });
 * await callbacks.store.set(pending);
 * const result = await waitForResult(callbacks.store, pending.reference, { timeoutMs: 30_000 });
 * if (!result || !isFinalResult(result)) scheduleStatusCheck(pending);
 */
export function waitForResult(
  store: ResultStore,
  reference: string,
  options: WaitForResultOptions = {},
): Promise<ReversalResult | undefined> {
  const { signal } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs >= 0) || !Number.isFinite(timeoutMs)) {
    return Promise.reject(new RangeError('waitForResult needs timeoutMs to be a finite number of milliseconds >= 0.'));
  }
  if (signal?.aborted) return Promise.reject(signal.reason);

  return new Promise((resolve, reject) => {
    let settled = false;
    let unsubscribe: Unsubscribe | undefined;
    const stopListening = () => {
      if (unsubscribe) Promise.resolve().then(unsubscribe).catch(() => {});
    };
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      stopListening();
      settle();
    };
    const onAbort = () => finish(() => reject(signal?.reason));
    const onResult = (result: ReversalResult) => {
      if (isFinalResult(result)) finish(() => resolve(result));
    };
    const timer = setTimeout(() => {
      finish(() => store.get(reference).then(resolve, reject));
    }, timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });

    // Subscribe before reading, so a result recorded in between is not missed.
    store
      .subscribe(reference, onResult)
      .then(async (stop) => {
        unsubscribe = stop;
        if (settled) return stopListening();
        const known = await store.get(reference);
        if (known) onResult(known);
      })
      .catch((error: unknown) => finish(() => reject(error)));
  });
}
