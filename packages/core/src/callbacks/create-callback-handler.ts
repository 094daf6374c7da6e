import type { ProviderMetadata, ReversalResult } from '../reversal-result.js';
import { readPreparsedBody } from './body-read.js';
import { ReversalDeliveryInProgressError } from './delivery-in-progress-error.js';
import type { CallbackHandler } from './callback-handler.js';
import type { CallbackHandlerOptions } from './callback-handler-options.js';
import { type CallbackPipeline, processCallback } from './process-callback.js';
import { readNodeBody } from './read-node-body.js';
import { readWebBody } from './read-web-body.js';
import { resolveHandlerOptions } from './resolve-handler-options.js';
import { createResultDelivery } from './result-delivery.js';
import { waitForResult } from './wait-for-result.js';
import { nodeRequestUrl, writeNodeAnswer } from './write-node-answer.js';

/**
 * Creates the endpoint that receives a callback provider's results, for any framework. It checks,
 * in order: POST (405), the sender's address when `allowList` is set (403), which provider the URL
 * is for (404), the body size (413, unread beyond `maxBodyBytes`), JSON whatever the content type
 * (400), the provider's own checks — the signed token when the provider has a `callbackSecret`
 * (401) or a malformed body (400); then it awaits `onResult` once per outcome of each attempt
 * that changes what was recorded for it (duplicates, and weaker news after an outcome, are
 * acknowledged without calling it; one arriving while the first is still inside `onResult` waits
 * for it, or is answered 503 with `Retry-After`) and answers the provider's expected acknowledgement
 * (Daraja: `{"ResultCode":0,"ResultDesc":"Accepted"}`), or 500 when `onResult` threw, so that the
 * provider may deliver again. Rejections are reported to `onError`. No input makes it throw.
 *
 * Throws a `ReversalConfigError` naming each invalid option.
 *
 * @example
 * import { createCallbackHandler } from '@reversal/core';
 *
 * const callbacks = createCallbackHandler({
 *   provider, // createSafaricomKeProvider({ …, resultUrl: 'https://shop.example/mpesa/reversal', callbackSecret })
 *   onResult: async (result) => {
 *     if (result.status === 'succeeded') await orders.markRefunded(result.reference, result.amount);
 *     else await orders.flagRefund(result.reference, result.error);
 *   },
 *   onError: (failure) => logger.warn(failure),
 * });
 *
 * app.post('/mpesa/reversal', callbacks.node);                    // Express
 * export const POST = (request: Request) => callbacks.fetch(request); // Next.js App Router
 */
export function createCallbackHandler<TMetadata extends ProviderMetadata = ProviderMetadata>(
  options: CallbackHandlerOptions<TMetadata>,
): CallbackHandler<TMetadata> {
  const resolved = resolveHandlerOptions(options as unknown as CallbackHandlerOptions);
  const { store, onError } = resolved;
  const deliver = createResultDelivery(resolved);
  const pipeline: CallbackPipeline = {
    ...resolved,
    deliver,
    report(failure) {
      try {
        onError?.(failure);
      } catch {
        // Reporting must never change the answer, nor crash the server.
      }
    },
  };

  return {
    store,
    fetch: async (request, context) => {
      const answer = await processCallback(pipeline, {
        method: request.method,
        url: request.url,
        headers: request.headers,
        remoteAddress: context?.remoteAddress,
        readBody: (maxBytes) => readWebBody(request, maxBytes),
      });
      return new Response(answer.body, { status: answer.status, headers: answer.headers });
    },
    node: async (request, response) => {
      try {
        const answer = await processCallback(pipeline, {
          method: request.method ?? 'GET',
          url: nodeRequestUrl(request),
          headers: request.headers,
          remoteAddress: request.socket?.remoteAddress,
          readBody: (maxBytes) => readNodeBody(request, maxBytes),
        });
        writeNodeAnswer(request, response, answer);
      } catch {
        // Only writing can fail here (the connection is gone); there is nobody left to answer.
      }
    },
    handle: (callback) =>
      processCallback(pipeline, {
        method: callback?.method ?? 'POST',
        url: callback?.url,
        headers: callback?.headers ?? {},
        remoteAddress: callback?.remoteAddress,
        readBody: async (maxBytes) => readPreparsedBody(callback?.body, maxBytes),
      }),
    deliver: async (result) => {
      const outcome = await deliver(result);
      if (outcome.kind === 'failed') throw outcome.error;
      if (outcome.kind === 'in-progress') throw new ReversalDeliveryInProgressError(result.reference, outcome.retryAfterSeconds);
    },
    waitForResult: (reference, waitOptions) =>
      waitForResult(store, reference, waitOptions) as Promise<ReversalResult<TMetadata> | undefined>,
  };
}
