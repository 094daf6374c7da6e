import {
  type CallbackInput,
  type CallOptions,
  type ProviderCapabilities,
  type ReversalProvider,
  type ReversalResult,
  validateReversalRequest,
} from '@reversal/core';
import {
  createEventEmitter,
  createJsonTransport,
  type JsonRequest,
  type RetryOptions,
  type TransportOutcome,
  transportFailureResult,
  withRetry,
} from '@reversal/core/kit';
import * as v from 'valibot';
import { abortable } from './abortable.js';
import { createCallbackCorrelator } from './callback-correlation.js';
import { checkDarajaRequest } from './check-request.js';
import { DARAJA_BASE_URLS } from './daraja-base-urls.js';
import { createDarajaTokenCache } from './daraja-oauth.js';
import { darajaErrorCode, INVALID_TOKEN_CODE, mapReversalResponse, type ReversalBase } from './map-reversal-response.js';
import { parseCallbackBody } from './parse-callback.js';
import { resolveSecurityCredential } from './resolve-security-credential.js';
import { buildReversalBody, type DarajaReversalRequestBody } from './reversal-body.js';
import type { SafaricomKeMetadata } from './safaricom-ke-metadata.js';
import type { ResolvedSafaricomKeOptions } from './safaricom-ke-options.js';
import { tokenFailureResult } from './token-failure-result.js';

// Daraja's answer is read by mapReversalResponse; the transport only parses it.
const ANY_BODY = v.unknown();
const REVERSAL_PATH = '/mpesa/reversal/v1/request';

const retryOptions = (call: CallOptions): RetryOptions<TransportOutcome<unknown>> =>
  call.signal ? { maxAttempts: 2, signal: call.signal } : { maxAttempts: 2 };

const withEmptyMetadata = (base: ReversalBase) => ({
  provider: base.provider,
  reference: base.reference,
  originalTransactionId: base.originalTransactionId,
  amount: base.amount,
  metadata: {},
});

/** The provider id of Safaricom M-Pesa Kenya. */
export const SAFARICOM_KE_ID = 'safaricom-ke';

/** What Daraja reversals can do: full reversals only, results by callback, shillings, no status check here. */
export const SAFARICOM_KE_CAPABILITIES: ProviderCapabilities = Object.freeze({
  partialReversal: false,
  resultDelivery: 'callback',
  currencies: Object.freeze(['KES']),
  statusCheck: false,
});

/** A Safaricom M-Pesa Kenya provider: `reverse()` resolves `pending`, `parseCallback()` gives the outcome. */
export interface SafaricomKeProvider extends ReversalProvider<SafaricomKeMetadata> {
  /** Reads Daraja's result or queue-timeout callback; rejects with a `ReversalCallbackError` (400 or 401). */
  parseCallback(input: CallbackInput): Promise<ReversalResult<SafaricomKeMetadata>>;
  /** Daraja's expected answer to a callback: `{ ResultCode: 0, ResultDesc: 'Accepted' }`. */
  acknowledgeCallback(): { ResultCode: 0; ResultDesc: 'Accepted' };
  /** Closes the keep-alive connections. */
  close(): Promise<void>;
}

/** Builds a provider from validated options (what `createSafaricomKeProvider` and the registry call). */
export function buildSafaricomKeProvider(options: ResolvedSafaricomKeOptions): SafaricomKeProvider {
  const securityCredential = resolveSecurityCredential(options);
  const events = createEventEmitter(options.onEvent);
  const transport = createJsonTransport({
    baseUrl: options.baseUrl ?? DARAJA_BASE_URLS[options.environment],
    providerId: SAFARICOM_KE_ID,
    timeoutMs: options.timeoutMs,
    events,
  });
  const tokens = createDarajaTokenCache({
    transport,
    consumerKey: options.consumerKey,
    consumerSecret: options.consumerSecret,
    providerId: SAFARICOM_KE_ID,
    events,
  });
  const correlator = createCallbackCorrelator({
    resultUrl: options.resultUrl,
    queueTimeoutUrl: options.queueTimeoutUrl ?? options.resultUrl,
    ttlSeconds: options.callbackTokenTtlSeconds,
    ...(options.callbackSecret ? { secret: new TextEncoder().encode(options.callbackSecret.reveal()) } : {}),
  });

  const emitResult = (result: ReversalResult, source: 'reverse' | 'callback') => {
    if (!events.observed) return;
    events.emit({
      type: 'result',
      provider: SAFARICOM_KE_ID,
      source,
      status: result.status,
      reference: result.reference,
      ...('error' in result ? { code: result.error.code } : {}),
    });
  };

  async function send(body: DarajaReversalRequestBody, base: ReversalBase, call: CallOptions) {
    // One refresh on 404.001.03: the cached token may have expired early or been replaced.
    for (let attempt = 1; ; attempt++) {
      const lookup = await abortable(tokens.get(), call.signal);
      if (lookup.failure) return tokenFailureResult(lookup.failure, base);
      // Built by assignment: in Node 20 a conditional spread in a literal is a slow runtime copy.
      const request: { -readonly [K in keyof JsonRequest<unknown>]: JsonRequest<unknown>[K] } = {
        operation: 'reversal',
        method: 'POST',
        path: REVERSAL_PATH,
        headers: { authorization: `Bearer ${lookup.token}` },
        body,
        schema: ANY_BODY,
      };
      if (call.signal) request.signal = call.signal;
      if (call.timeoutMs) request.timeoutMs = call.timeoutMs;
      let outcome = await transport.request(request);
      // Only a request that provably never left is sent again (withRetry's default); the first
      // attempt runs outside withRetry so that the usual answer costs no extra promise.
      if (outcome.kind === 'not-sent') {
        const first = outcome;
        outcome = await withRetry((number) => (number === 1 ? Promise.resolve(first) : transport.request(request)), retryOptions(call));
      }
      if (outcome.kind !== 'response') return transportFailureResult(outcome, withEmptyMetadata(base));
      if (attempt === 1 && darajaErrorCode(outcome) === INVALID_TOKEN_CODE) {
        tokens.invalidate(lookup.token);
        continue;
      }
      return mapReversalResponse(outcome, base);
    }
  }

  return {
    id: SAFARICOM_KE_ID,
    capabilities: SAFARICOM_KE_CAPABILITIES,
    async reverse(input, call = {}) {
      const request = validateReversalRequest(input, { capabilities: SAFARICOM_KE_CAPABILITIES, check: checkDarajaRequest });
      call.signal?.throwIfAborted();
      const amount = request.amount!;
      const base: ReversalBase = {
        provider: SAFARICOM_KE_ID,
        reference: request.reference,
        originalTransactionId: request.transactionId,
        amount: { value: amount, currency: 'KES' },
      };
      const body = buildReversalBody(
        // Not `{ ...request, amount }`: in Node 20 each property after a leading spread costs ~1 µs.
        { transactionId: request.transactionId, reference: request.reference, amount, reason: request.reason },
        {
          initiatorName: options.initiatorName,
          securityCredential: securityCredential.reveal(),
          shortCode: options.shortCode,
          urls: await correlator.urls(request.reference, request.transactionId),
        },
      );
      const result = await send(body, base, call);
      emitResult(result, 'reverse');
      return result;
    },
    async parseCallback(input) {
      const correlation = await correlator.read((input as Partial<CallbackInput> | undefined)?.url ?? '');
      const result = parseCallbackBody((input as Partial<CallbackInput>).body, correlation);
      emitResult(result, 'callback');
      return result;
    },
    // Daraja documents no answer for the reversal ResultURL; this is the one every integration
    // sends (seed 001's result handler), and Daraja ignores anything beyond it.
    acknowledgeCallback: () => ({ ResultCode: 0, ResultDesc: 'Accepted' }),
    close: () => transport.close(),
  };
}
