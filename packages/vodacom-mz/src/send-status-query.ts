import {
  type CallOptions,
  generateReference,
  isValidReference,
  type ReversalResult,
  ReversalValidationError,
  type StatusQuery,
  type ValidationIssue,
} from '@reversal/core';
import { type TransportFailure, withRetry } from '@reversal/core/kit';
import { mapStatusResponse } from './map-status-response.js';
import { vodacomResponseSchema } from './read-response.js';
import { VODACOM_MZ_ID, type VodacomMzClient } from './vodacom-mz-client.js';
import type { VodacomMzMetadata } from './vodacom-mz-metadata.js';

/**
 * `GET /ipg/v1x/queryTransactionStatus/` on the status API's port, for a reversal. The query
 * reference is the reversal's transaction id when known, else its conversation id, else its
 * reference (the API accepts any of the three); the query carries a fresh reference of its own.
 * Whatever goes wrong with the query itself, the reversal is reported `unknown`, never `failed`.
 */
export async function sendStatusQuery(
  client: VodacomMzClient,
  query: StatusQuery,
  callOptions: CallOptions = {},
): Promise<ReversalResult<VodacomMzMetadata>> {
  assertStatusQuery(query);
  callOptions.signal?.throwIfAborted();
  const queryReference = query.reversalTransactionId || query.conversationId || query.reference;
  const outcome = await withRetry(
    () =>
      client.status.request({
        operation: 'status',
        method: 'GET',
        path: '/ipg/v1x/queryTransactionStatus/',
        query: {
          input_QueryReference: queryReference,
          input_ServiceProviderCode: client.options.serviceProviderCode,
          input_ThirdPartyReference: generateReference(),
        },
        headers: client.headers(),
        schema: vodacomResponseSchema,
        ...(callOptions.signal ? { signal: callOptions.signal } : {}),
        ...(callOptions.timeoutMs === undefined ? {} : { timeoutMs: callOptions.timeoutMs }),
      }),
    callOptions.signal ? { signal: callOptions.signal } : {},
  );
  const result =
    outcome.kind === 'response' ? mapStatusResponse(outcome, query, VODACOM_MZ_ID) : statusCheckFailure(outcome, query);
  client.events.emit({
    type: 'result',
    provider: VODACOM_MZ_ID,
    source: 'status',
    status: result.status,
    reference: result.reference,
    ...('error' in result ? { code: result.error.code } : {}),
  });
  return result;
}

/** A status query that got no usable answer says nothing about the reversal: still `unknown`. */
function statusCheckFailure(failure: TransportFailure, query: StatusQuery): ReversalResult<VodacomMzMetadata> {
  return {
    provider: VODACOM_MZ_ID,
    reference: query.reference,
    originalTransactionId: query.originalTransactionId,
    ...(query.conversationId ? { conversationId: query.conversationId } : {}),
    ...(query.reversalTransactionId ? { reversalTransactionId: query.reversalTransactionId } : {}),
    status: 'unknown',
    error: {
      code: failure.kind === 'not-sent' ? 'PROVIDER_UNAVAILABLE' : failure.reason === 'timeout' ? 'TIMEOUT' : 'PROCESSING_ERROR',
      providerCode: failure.code,
      message: `The status query failed (${failure.message}), so the reversal's outcome is still unknown. Check its status again later.`,
      retryable: false,
    },
    metadata: {},
    raw: { transport: failure.kind, code: failure.code },
  };
}

function assertStatusQuery(query: unknown): asserts query is StatusQuery {
  const fields = (typeof query === 'object' && query !== null ? query : {}) as Partial<Record<keyof StatusQuery, unknown>>;
  const issues: ValidationIssue[] = [];
  if (!isValidReference(fields.reference)) {
    issues.push({ field: 'reference', message: 'is required: the reference of the reversal, 1–20 letters and digits' });
  }
  if (typeof fields.originalTransactionId !== 'string' || fields.originalTransactionId === '') {
    issues.push({ field: 'originalTransactionId', message: 'is required: the transaction id of the payment that was to be reversed' });
  }
  for (const field of ['conversationId', 'reversalTransactionId'] as const) {
    const value = fields[field];
    if (value !== undefined && (typeof value !== 'string' || !/^[\x21-\x7e]{1,100}$/.test(value))) {
      issues.push({ field, message: 'must be the id Vodacom returned (visible characters, no spaces), or left out' });
    }
  }
  if (issues.length > 0) throw new ReversalValidationError(issues);
}
