import type { Money, ReversalResult } from '@reversal/core';
import { type CodeMapping, lookupCode, type ResponseOutcome } from '@reversal/core/kit';
import { DEFAULT_REFUSAL_ADVICE, IN_DOUBT_ADVICE, REFUSAL_ADVICE } from './advice.js';
import { INS_CODE_TABLE, UNCERTAIN_RESPONSE } from './ins-code-table.js';
import { cleanText, responseField, type VodacomResponseBody } from './read-response.js';
import type { VodacomMzMetadata } from './vodacom-mz-metadata.js';

/** What a reversal result is built around, known before the response. */
export interface ReversalContext {
  readonly provider: string;
  readonly reference: string;
  readonly originalTransactionId: string;
  /** The amount asked for, in MZN; absent for a full reversal. */
  readonly amount?: Money | undefined;
}

/**
 * True when the HTTP status agrees in kind with the code: INS-0 with 2xx, any other code with 4xx
 * or 5xx. The rule and its reasons are written beside `INS_CODE_TABLE`.
 */
export function statusAgreesWithCode(responseCode: string, httpStatus: number): boolean {
  const success = httpStatus >= 200 && httpStatus < 300;
  return responseCode === 'INS-0' ? success : httpStatus >= 400 && httpStatus < 600;
}

/** Reads a reversal response (any HTTP status) into the result model, following `INS_CODE_TABLE`. */
export function mapReversalResponse(
  response: ResponseOutcome<VodacomResponseBody>,
  context: ReversalContext,
): ReversalResult<VodacomMzMetadata> {
  const { body, status: httpStatus } = response;
  const responseCode = responseField(body, 'output_ResponseCode');
  const description = cleanText(responseField(body, 'output_ResponseDesc'));
  const lookup = lookupCode(INS_CODE_TABLE, responseCode, UNCERTAIN_RESPONSE);
  const agrees = lookup.known && statusAgreesWithCode(lookup.providerCode, httpStatus);
  const mapping: CodeMapping = agrees ? lookup.mapping : UNCERTAIN_RESPONSE;
  const conversationId = responseField(body, 'output_ConversationID') || undefined;

  const metadata: VodacomMzMetadata = {
    httpStatus,
    ...(responseCode === undefined ? {} : { responseCode }),
    ...(description === undefined ? {} : { responseDescription: description }),
  };
  const base = {
    provider: context.provider,
    reference: context.reference,
    originalTransactionId: context.originalTransactionId,
    ...(conversationId ? { conversationId } : {}),
    ...(context.amount ? { amount: context.amount } : {}),
    metadata,
    // The response carries no credential; the request's are never put in a result.
    raw: body ?? null,
  };

  if (mapping.status === 'succeeded') {
    const reversalTransactionId = responseField(body, 'output_TransactionID') || undefined;
    // Not `{ ...base, status }`: in Node 20 each property after a leading spread costs ~1 µs.
    const result: ReversalResult<VodacomMzMetadata> & { reversalTransactionId?: string } = Object.assign(base, { status: 'succeeded' as const });
    if (reversalTransactionId) result.reversalTransactionId = reversalTransactionId;
    return result;
  }
  const said = `${lookup.providerCode}${description ? ` "${description}"` : ''}, HTTP ${httpStatus}`;
  const what = !lookup.known
    ? lookup.providerCode === ''
      ? `Vodacom answered HTTP ${httpStatus} without a response code.`
      : `Vodacom answered a code this library does not know (${said}).`
    : !agrees
      ? `Vodacom's HTTP status contradicts its response code (${said}).`
      : mapping.status === 'failed'
        ? `Vodacom refused the reversal (${said}).`
        : `Vodacom could not confirm the reversal (${said}).`;
  const advice =
    mapping.status === 'failed' ? (REFUSAL_ADVICE[mapping.code!] ?? DEFAULT_REFUSAL_ADVICE) : IN_DOUBT_ADVICE;
  const error = {
    code: mapping.code ?? 'PROCESSING_ERROR',
    providerCode: lookup.providerCode,
    message: `${what} ${advice}`,
    retryable: mapping.retryable,
  };
  return mapping.status === 'failed'
    ? { ...base, status: 'failed', error }
    : { ...base, status: 'unknown', error: { ...error, retryable: false } };
}
