/** What {@link untilAborted} resolves to when the signal fired first. */
export const ABORTED = Symbol('aborted');

/**
 * Waits for `value`, or for `signal` to abort, whichever comes first. The listener is removed
 * afterwards so that a long-lived signal does not collect one per call.
 */
export async function untilAborted<T>(value: T | Promise<T>, signal: AbortSignal | undefined): Promise<T | typeof ABORTED> {
  if (!signal) return value;
  if (signal.aborted) return ABORTED;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<typeof ABORTED>((resolve) => {
    onAbort = () => resolve(ABORTED);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([value, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort!);
  }
}
