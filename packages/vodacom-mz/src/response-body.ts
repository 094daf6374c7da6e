import type { ResultError } from '@reversal/core';
import { type ResponseOutcome, truncateText } from '@reversal/core/kit';
import * as v from 'valibot';
import type { VodacomMzMetadata } from './metadata.js';

// An `output_*` field as text: strings as sent, finite numbers converted, anything else absent
// (an odd field must not hide the others, which may say the reversal was applied).
const field = v.fallback(v.optional(v.union([v.string(), v.pipe(v.number(), v.finite(), v.transform(String))])), undefined);

// Provider text made safe for a message: control characters removed, at most 200 code points.
const description = v.pipe(
  field,
  // Cut by code point, never inside an emoji; the body was scrubbed of secrets before it got here.
  v.transform((text) => (text === undefined ? undefined : truncateText(text.replace(/[\u0000-\u001f\u007f]/g, ' ').trim(), 200))),
);

/**
 * A Vodacom response body, the Reversal API's and the Query Transaction Status API's alike: a JSON
 * object whose `output_*` fields are read leniently, or nothing. Anything else (a JSON array, a
 * number) is not a Vodacom answer.
 */
const vodacomResponseSchema = v.optional(
  v.pipe(
    // valibot's object schemas take arrays as objects: a JSON array is no Vodacom answer.
    v.custom<object>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'must be a JSON object'),
    v.looseObject({
      output_ResponseCode: field,
      output_ResponseDesc: description,
      output_ConversationID: field,
      output_TransactionID: field,
      output_ResponseTransactionStatus: description,
    }),
  ),
);

/** A Vodacom response body as read by {@link readResponse}. */
export type VodacomResponseBody = v.InferOutput<typeof vodacomResponseSchema>;

/** What a Vodacom response says, read once for either operation. */
export interface VodacomResponse {
  readonly httpStatus: number;
  /** The fields; `undefined` for an empty body. */
  readonly body: VodacomResponseBody;
  /** The metadata every result read from a response carries. */
  readonly metadata: VodacomMzMetadata;
}

/** Reads a response body; `undefined` when it is not a Vodacom answer at all. */
export function readResponse(response: ResponseOutcome<unknown>): VodacomResponse | undefined {
  const parsed = v.safeParse(vodacomResponseSchema, response.body);
  if (!parsed.success) return undefined;
  const body = parsed.output;
  const metadata: { -readonly [K in keyof VodacomMzMetadata]: VodacomMzMetadata[K] } = { httpStatus: response.status };
  if (body?.output_ResponseCode !== undefined) metadata.responseCode = body.output_ResponseCode;
  if (body?.output_ResponseDesc !== undefined) metadata.responseDescription = body.output_ResponseDesc;
  if (body?.output_ResponseTransactionStatus !== undefined) metadata.transactionStatus = body.output_ResponseTransactionStatus;
  return { httpStatus: response.status, body, metadata };
}

/** The error of a JSON answer that is not a Vodacom answer: the outcome is in doubt. */
export function unreadableError(httpStatus: number, advice: string): ResultError {
  return {
    code: 'PROCESSING_ERROR',
    providerCode: 'INVALID_RESPONSE',
    message: `Vodacom answered HTTP ${httpStatus} with JSON that is not an object of output_* fields. ${advice}`,
    retryable: false,
  };
}

/**
 * True when the HTTP status agrees in kind with the code: INS-0 with 2xx, any other code with 4xx
 * or 5xx. The rule and its reasons are written beside `INS_CODE_TABLE`.
 */
export function statusAgreesWithCode(responseCode: string, httpStatus: number): boolean {
  const success = httpStatus >= 200 && httpStatus < 300;
  return responseCode === 'INS-0' ? success : httpStatus >= 400 && httpStatus < 600;
}
