import type { TransportOutcome } from './transport-outcome.js';

/** What {@link withRetry} reports before each new attempt. */
export interface RetryInfo<T> {
  /** The attempt that just ended (1 for the first). */
  readonly attempt: number;
  readonly delayMs: number;
  readonly outcome: T;
}

/** How {@link withRetry} repeats a call. */
export interface RetryOptions<T> {
  /** Attempts in all, the first included (default 3). */
  readonly maxAttempts?: number;
  /** The pause before the second attempt; doubled each time (default 200 ms). */
  readonly baseDelayMs?: number;
  /** The longest pause (default 5 s). */
  readonly maxDelayMs?: number;
  /** Stops waiting and returns the last outcome when aborted. */
  readonly signal?: AbortSignal;
  /**
   * Whether an outcome may be repeated. The default repeats only `not-sent` outcomes: a request
   * that may have been processed is never sent again.
   */
  readonly shouldRetry?: (outcome: T) => boolean;
  readonly onRetry?: (info: RetryInfo<T>) => void;
}

const notSent = (outcome: unknown) => (outcome as TransportOutcome<unknown>).kind === 'not-sent';

/**
 * Runs `attempt` until it gives an outcome that must not be repeated, at most `maxAttempts`
 * times, pausing with exponential backoff and jitter in between. Returns the last outcome.
 *
 * @example
 * const outcome = await withRetry(() => transport.request(call), { maxAttempts: 3 });
 */
export async function withRetry<T>(attempt: (attempt: number) => Promise<T>, options: RetryOptions<T> = {}): Promise<T> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3);
  const baseDelayMs = options.baseDelayMs ?? 200;
  const maxDelayMs = options.maxDelayMs ?? 5_000;
  const shouldRetry = options.shouldRetry ?? notSent;
  for (let number = 1; ; number++) {
    const outcome = await attempt(number);
    if (number >= maxAttempts || !shouldRetry(outcome) || options.signal?.aborted) return outcome;
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (number - 1));
    // "Equal jitter": half fixed, half random, so that clients that failed together spread out.
    const delayMs = Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
    options.onRetry?.({ attempt: number, delayMs, outcome });
    if (!(await pause(delayMs, options.signal))) return outcome;
  }
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
