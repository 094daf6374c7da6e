import { type JsonTransport, lookupCode, type OperationSpec, type ProviderAnswer, type ResponseOutcome, type ValidatedReversalRequest } from '@reversal/core/kit';
import { DEFAULT_REFUSAL_ADVICE, DUPLICATE_ADVICE, IN_DOUBT_ADVICE, REFUSAL_ADVICE } from './advice.js';
import { INS_CODE_TABLE, UNCERTAIN_RESPONSE } from './codes/ins-codes.js';
import type { VodacomMzMetadata } from './metadata.js';
import type { ResolvedVodacomMzOptions } from './options.js';
import { readResponse, statusAgreesWithCode, unreadableError } from './response-body.js';

/**
 * The reversal operation: `PUT /ipg/v1x/reversal/` on the Reversal API's port. The request's
 * provider id is its `input_ThirdPartyReference` (the caller's reference), known before sending.
 * `request.reason` is not sent: the API has no field for it.
 */
export function reversalOperation(
  transport: JsonTransport,
  headers: Readonly<Record<string, string>>,
  options: ResolvedVodacomMzOptions,
): OperationSpec<ValidatedReversalRequest, VodacomMzMetadata> {
  return {
    transport,
    prepare: (request) => ({
      request: {
        method: 'PUT',
        path: '/ipg/v1x/reversal/',
        headers,
        body: {
          input_TransactionID: request.transactionId,
          input_SecurityCredential: options.securityCredential.reveal(),
          input_InitiatorIdentifier: options.initiatorIdentifier,
          input_ThirdPartyReference: request.reference,
          input_ServiceProviderCode: options.serviceProviderCode,
          // Only for a partial amount: without it Vodacom reverses the whole payment
          // (docs/providers/vodacom-mz.md, "Reversal request").
          ...(request.amount === undefined ? {} : { input_ReversalAmount: request.amount }),
        },
      },
      providerRequestId: request.reference,
    }),
    read: readReversalResponse,
  };
}

/** Reads a reversal response (any HTTP status) following `INS_CODE_TABLE`. */
export function readReversalResponse(response: ResponseOutcome<unknown>): ProviderAnswer<VodacomMzMetadata> {
  const read = readResponse(response);
  if (!read) {
    return { status: 'unknown', error: unreadableError(response.status, IN_DOUBT_ADVICE), metadata: { httpStatus: response.status }, raw: response.body };
  }
  const { body, httpStatus, metadata } = read;
  const lookup = lookupCode(INS_CODE_TABLE, body?.output_ResponseCode, UNCERTAIN_RESPONSE);
  const agrees = lookup.known && statusAgreesWithCode(lookup.providerCode, httpStatus);
  const mapping = agrees ? lookup.mapping : UNCERTAIN_RESPONSE;
  const conversationId = body?.output_ConversationID || undefined;

  if (mapping.status === 'succeeded') {
    const reversalTransactionId = body?.output_TransactionID || undefined;
    return { status: 'succeeded', reversalTransactionId, conversationId, metadata, raw: response.body };
  }
  const description = body?.output_ResponseDesc;
  const said = `${lookup.providerCode}${description ? ` "${description}"` : ''}, HTTP ${httpStatus}`;
  const what = !lookup.known
    ? lookup.providerCode === ''
      ? `Vodacom answered HTTP ${httpStatus} without a response code.`
      : `Vodacom answered a code this library does not know (${said}).`
    : !agrees
      ? `Vodacom's HTTP status contradicts its response code (${said}).`
      : mapping.status === 'failed'
        ? `Vodacom refused the reversal (${said}).`
        : mapping.code === 'DUPLICATE_REQUEST'
          ? `Vodacom has already received a reversal request with this reference (${said}).`
          : `Vodacom could not confirm the reversal (${said}).`;
  const code = mapping.code ?? 'PROCESSING_ERROR';
  if (mapping.status === 'failed') {
    const message = `${what} ${REFUSAL_ADVICE[code] ?? DEFAULT_REFUSAL_ADVICE}`;
    return { status: 'failed', error: { code, providerCode: lookup.providerCode, message, retryable: mapping.retryable }, conversationId, metadata, raw: response.body };
  }
  const message = `${what} ${code === 'DUPLICATE_REQUEST' ? DUPLICATE_ADVICE : IN_DOUBT_ADVICE}`;
  return { status: 'unknown', error: { code, providerCode: lookup.providerCode, message, retryable: false }, conversationId, metadata, raw: response.body };
}
