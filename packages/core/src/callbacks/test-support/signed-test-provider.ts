import { createHmac, timingSafeEqual } from 'node:crypto';
import { ReversalCallbackError } from '../../errors/reversal-callback-error.js';
import { readJsonBody } from '../../kit/read-json-body.js';
import { generateReference } from '../../reference.js';
import type { CallbackInput, ReversalProvider } from '../../reversal-provider.js';
import type { ReversalResult } from '../../reversal-result.js';

/** The body this test provider POSTs to its callback URL. */
export interface SignedTestCallback {
  readonly reference: string;
  readonly transactionId: string;
  /** `unknown` reads like Daraja's queue timeout: `TIMEOUT`, provider code `code` or `QUEUE_TIMEOUT`. */
  readonly outcome: 'succeeded' | 'failed' | 'unknown';
  readonly receipt?: string;
  readonly code?: string;
  /** The attempt's id, read into `providerRequestId` (like Daraja's `OriginatorConversationID`). */
  readonly requestId?: string;
}

/** A callback provider for the callback handler's tests; see {@link createSignedTestProvider}. */
export interface SignedTestProvider extends ReversalProvider {
  /** The URL the provider would deliver a reference's callback to: `base` with `?token=<hmac>`. */
  callbackUrl(base: string, reference: string): string;
}

/**
 * A small but real callback provider, independent of any adapter: `reverse()` answers `pending`,
 * and `parseCallback` accepts a {@link SignedTestCallback} body only when the URL carries the
 * HMAC-SHA256 of its reference under `secret` — the way an adapter with a `callbackSecret` guards
 * its callbacks (401 for a missing or forged token, 400 for a malformed body).
 */
export function createSignedTestProvider(secret: string, id = 'signed-test'): SignedTestProvider {
  const sign = (reference: string) => createHmac('sha256', secret).update(reference).digest('hex');
  return {
    id,
    capabilities: { partialReversal: false, resultDelivery: 'callback', currencies: ['KES'], statusCheck: false, statusDelivery: 'callback' },
    async reverse(request) {
      return {
        status: 'pending',
        provider: id,
        reference: request.reference ?? generateReference(),
        originalTransactionId: request.transactionId,
        metadata: {},
        raw: {},
      };
    },
    // Daraja's acknowledgement, so that routing tests can tell which provider answered.
    ...(id === 'safaricom-ke' ? { acknowledgeCallback: () => ({ ResultCode: 0, ResultDesc: 'Accepted' }) } : {}),
    callbackUrl(base, reference) {
      const url = new URL(base);
      url.searchParams.set('token', sign(reference));
      return url.href;
    },
    async parseCallback(input: CallbackInput): Promise<ReversalResult> {
      const json = readJsonBody(input.body);
      const body = (json.ok ? json.value : undefined) as Partial<SignedTestCallback> | null | undefined;
      if (
        typeof body !== 'object' ||
        body === null ||
        typeof body.reference !== 'string' ||
        typeof body.transactionId !== 'string' ||
        (body.outcome !== 'succeeded' && body.outcome !== 'failed' && body.outcome !== 'unknown')
      ) {
        throw new ReversalCallbackError('ERR_CALLBACK', 'Malformed test callback: reference, transactionId and outcome are required.');
      }
      const token = new URL(input.url).searchParams.get('token') ?? '';
      const expected = Buffer.from(sign(body.reference));
      const given = Buffer.from(token);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new ReversalCallbackError('ERR_CALLBACK_UNAUTHENTICATED', 'The test callback token is missing or forged.');
      }
      const base = {
        provider: id,
        reference: body.reference,
        originalTransactionId: body.transactionId,
        ...(typeof body.requestId === 'string' ? { providerRequestId: body.requestId } : {}),
        metadata: {},
        raw: body,
      };
      if (body.outcome === 'succeeded') {
        return { ...base, status: 'succeeded', ...(body.receipt ? { reversalTransactionId: body.receipt } : {}) };
      }
      if (body.outcome === 'unknown') {
        const providerCode = body.code ?? 'QUEUE_TIMEOUT';
        const error = { code: 'TIMEOUT', providerCode, message: 'Timed out in the queue.', retryable: false } as const;
        return { ...base, status: 'unknown', error };
      }
      const providerCode = body.code ?? 'R000002';
      const code = providerCode === 'R000001' ? 'ALREADY_REVERSED' : 'TRANSACTION_NOT_FOUND';
      return { ...base, status: 'failed', error: { code, providerCode, message: 'Not reversed.', retryable: false } };
    },
  };
}
