import type { Dispatcher, Pool } from 'undici';

/** What one HTTP exchange gave: a whole response, or the error that ended it. */
export type Exchange =
  | { readonly ok: true; readonly status: number; readonly headers: Record<string, string | string[] | undefined>; readonly text: string }
  | { readonly ok: false; readonly error: unknown; readonly status: number | undefined; readonly timedOut: boolean; readonly aborted: boolean; readonly tooLarge: boolean };

/** Sends one request through the pool and collects the response body as text. */
export function exchange(
  pool: Pool,
  options: Dispatcher.DispatchOptions,
  timeoutMs: number,
  maxResponseBytes: number,
  signal: AbortSignal | undefined,
): Promise<Exchange> {
  return new Promise((resolve) => {
    let controller: Dispatcher.DispatchController | undefined;
    let pendingReason: Error | undefined;
    let timedOut = false;
    let tooLarge = false;
    let status: number | undefined;
    let headers: Record<string, string | string[] | undefined> = {};
    const chunks: Buffer[] = [];
    let size = 0;

    const abort = (reason: Error) => {
      // Before the request is handed to a socket there is no controller yet: undici aborts it then.
      if (controller) controller.abort(reason);
      else pendingReason ??= reason;
    };
    const timer = setTimeout(() => {
      timedOut = true;
      abort(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const onCallerAbort = () => abort(signal!.reason instanceof Error ? signal!.reason : new Error('aborted'));
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    const finish = (result: Exchange) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
      resolve(result);
    };
    const fail = (error: unknown) => finish({ ok: false, error, status, timedOut, aborted: signal?.aborted === true, tooLarge });

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(start) {
        controller = start;
        if (pendingReason) start.abort(pendingReason);
      },
      onResponseStart(_controller, statusCode, responseHeaders) {
        // 1xx informational answers precede the real one.
        if (statusCode < 200) return;
        status = statusCode;
        headers = responseHeaders as Record<string, string | string[] | undefined>;
      },
      onResponseData(current, chunk) {
        if (status === undefined) return;
        size += chunk.length;
        if (size > maxResponseBytes) {
          tooLarge = true;
          current.abort(new Error(`the response body exceeds ${maxResponseBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      },
      onResponseEnd() {
        const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8');
        finish({ ok: true, status: status!, headers, text });
      },
      onResponseError(_controller, error) {
        fail(error);
      },
    };
    try {
      pool.dispatch(options, handler);
    } catch (error) {
      fail(error);
    }
  });
}
