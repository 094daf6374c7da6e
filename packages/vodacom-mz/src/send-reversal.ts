import { type CallOptions, type ReversalRequest, type ReversalResult, validateReversalRequest } from '@reversal/core';
import { redactText, transportFailureResult, withRetry } from '@reversal/core/kit';
import { mapReversalResponse, type ReversalContext } from './map-reversal-response.js';
import { vodacomResponseSchema } from './read-response.js';
import { VODACOM_MZ_ID, type VodacomMzClient } from './vodacom-mz-client.js';
import { VODACOM_MZ_CAPABILITIES } from './vodacom-mz-capabilities.js';
import type { VodacomMzMetadata } from './vodacom-mz-metadata.js';

// Vodacom transaction ids are letters and digits, at most 20 (OpenAPI `input_TransactionID`
// pattern `^[0-9a-zA-Z]{1,20}$`); anything else would only come back as INS-18.
const TRANSACTION_ID_PATTERN = /^[0-9A-Za-z]{1,20}$/;

/**
 * `PUT /ipg/v1x/reversal/` on the Reversal API's port. The request is validated first (nothing is
 * sent for an invalid one); a request that provably never left is sent again (at most three times
 * in all), one that may have arrived never is. `request.reason` is not sent: the API has no field
 * for it.
 */
export async function sendReversal(
  client: VodacomMzClient,
  input: ReversalRequest,
  callOptions: CallOptions = {},
): Promise<ReversalResult<VodacomMzMetadata>> {
  const request = validateReversalRequest(input, {
    capabilities: VODACOM_MZ_CAPABILITIES,
    check: ({ transactionId }) =>
      TRANSACTION_ID_PATTERN.test(transactionId)
        ? []
        : [{ field: 'transactionId', message: 'must be a Vodacom M-Pesa transaction id: 1–20 letters and digits' }],
  });
  callOptions.signal?.throwIfAborted();
  const { options, events } = client;
  const context: ReversalContext = {
    provider: VODACOM_MZ_ID,
    reference: request.reference,
    originalTransactionId: request.transactionId,
    ...(request.amount === undefined ? {} : { amount: { value: request.amount, currency: 'MZN' } }),
  };
  const body = {
    input_TransactionID: request.transactionId,
    input_SecurityCredential: options.securityCredential.reveal(),
    input_InitiatorIdentifier: options.initiatorIdentifier,
    input_ThirdPartyReference: request.reference,
    input_ServiceProviderCode: options.serviceProviderCode,
    // Present only for a partial amount: without it Vodacom reverses the whole payment (seed 002).
    ...(request.amount === undefined ? {} : { input_ReversalAmount: request.amount }),
  };

  const outcome = await withRetry(
    () =>
      client.reversal.request({
        operation: 'reversal',
        method: 'PUT',
        path: '/ipg/v1x/reversal/',
        headers: client.headers(),
        body,
        schema: vodacomResponseSchema,
        ...(callOptions.signal ? { signal: callOptions.signal } : {}),
        ...(callOptions.timeoutMs === undefined ? {} : { timeoutMs: callOptions.timeoutMs }),
      }),
    {
      ...(callOptions.signal ? { signal: callOptions.signal } : {}),
      onRetry: ({ attempt, delayMs, outcome: failed }) =>
        events.emit({
          type: 'retry',
          provider: VODACOM_MZ_ID,
          operation: 'reversal',
          attempt,
          delayMs,
          code: failed.kind === 'response' ? String(failed.status) : failed.code,
        }),
    },
  );

  const result =
    outcome.kind === 'response'
      ? mapReversalResponse(outcome, context)
      : transportFailureResult(
          // Whatever came back is kept in `raw`; make sure no credential can be in it.
          outcome.kind === 'maybe-sent' && outcome.text !== undefined
            ? { ...outcome, text: redactText(outcome.text, [options.apiKey, options.securityCredential]) }
            : outcome,
          { ...context, metadata: {} as VodacomMzMetadata },
        );
  if (events.observed) events.emit({
    type: 'result',
    provider: VODACOM_MZ_ID,
    source: 'reverse',
    status: result.status,
    reference: result.reference,
    ...('error' in result ? { code: result.error.code } : {}),
  });
  return result;
}
