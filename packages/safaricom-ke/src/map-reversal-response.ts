import type { Money, ReversalResult } from '@reversal/core';
import { lookupCode, type ResponseOutcome, scrub } from '@reversal/core/kit';
import * as v from 'valibot';
import { DARAJA_ERROR_CODES, UNKNOWN_ERROR_CODE } from './error-codes.js';
import type { SafaricomKeMetadata } from './safaricom-ke-metadata.js';

/** The fields of a reversal result known before Daraja answers. */
export interface ReversalBase {
  readonly provider: string;
  readonly reference: string;
  readonly originalTransactionId: string;
  readonly amount: Money;
}

const acknowledgementSchema = v.looseObject({
  ResponseCode: v.union([v.literal('0'), v.literal(0)]),
  ConversationID: v.optional(v.string()),
  OriginatorConversationID: v.optional(v.string()),
  ResponseDescription: v.optional(v.string()),
});
const errorSchema = v.looseObject({ errorCode: v.string(), errorMessage: v.optional(v.string()), requestId: v.optional(v.string()) });
const refusedAcknowledgementSchema = v.looseObject({ ResponseCode: v.union([v.string(), v.number()]), ResponseDescription: v.optional(v.string()) });

/** Keys whose values never go into a result's `raw`. */
export const SECRET_KEYS = ['SecurityCredential', 'access_token', 'Authorization', 'Password'];

/** The error code that means "refresh the token and repeat once". */
export const INVALID_TOKEN_CODE = '404.001.03';

/**
 * Reads Daraja's answer to a reversal request: the acknowledgement (`ResponseCode "0"`) becomes
 * `pending`; a synchronous error (`{ requestId, errorCode, errorMessage }`) is looked up in
 * {@link DARAJA_ERROR_CODES}; anything else is `unknown`, because the request may have been queued.
 */
export function mapReversalResponse(outcome: ResponseOutcome<unknown>, base: ReversalBase): ReversalResult<SafaricomKeMetadata> {
  const raw = scrub(outcome.body, SECRET_KEYS);
  const acknowledgement = readAcknowledgement(outcome.body);
  if (outcome.status >= 200 && outcome.status < 300 && acknowledgement) {
    const { ConversationID, OriginatorConversationID, ResponseDescription } = acknowledgement;
    // Built as literals: in Node 20's V8, `{ ...object, more }` and conditional spreads take a
    // slow runtime path (about 1 µs each), and this runs on every reversal.
    const metadata: { originatorConversationId?: string; providerDescription?: string } = {};
    if (OriginatorConversationID) metadata.originatorConversationId = OriginatorConversationID;
    if (ResponseDescription) metadata.providerDescription = ResponseDescription;
    const result: ReversalResult<SafaricomKeMetadata> & { conversationId?: string } = {
      provider: base.provider,
      reference: base.reference,
      originalTransactionId: base.originalTransactionId,
      amount: base.amount,
      status: 'pending',
      metadata,
      raw,
    };
    if (ConversationID) result.conversationId = ConversationID;
    return result;
  }

  const error = v.safeParse(errorSchema, outcome.body);
  if (error.success) {
    const { mapping, providerCode } = lookupCode(DARAJA_ERROR_CODES, error.output.errorCode, UNKNOWN_ERROR_CODE);
    const said = error.output.errorMessage ? ` Daraja said: "${error.output.errorMessage.slice(0, 200)}".` : '';
    return {
      ...base,
      status: mapping.status === 'unknown' ? 'unknown' : 'failed',
      error: {
        code: mapping.code ?? 'PROCESSING_ERROR',
        providerCode,
        message: `${mapping.description}${said}`,
        retryable: mapping.retryable,
      },
      metadata: error.output.errorMessage ? { providerDescription: error.output.errorMessage.slice(0, 500) } : {},
      raw,
    };
  }

  const refused = v.safeParse(refusedAcknowledgementSchema, outcome.body);
  if (outcome.status >= 200 && outcome.status < 300 && refused.success) {
    // An answer with a non-zero ResponseCode was not accepted: nothing was queued.
    return {
      ...base,
      status: 'failed',
      error: {
        code: 'PROCESSING_ERROR',
        providerCode: String(refused.output.ResponseCode),
        message: `Daraja did not accept the request (ResponseCode ${String(refused.output.ResponseCode)}).`,
        retryable: false,
      },
      metadata: {},
      raw,
    };
  }

  return {
    ...base,
    status: 'unknown',
    error: {
      code: 'PROCESSING_ERROR',
      providerCode: `HTTP_${outcome.status}`,
      message: `Daraja answered HTTP ${outcome.status} with a body that is neither an acknowledgement nor a Daraja error. The reversal may have been queued: wait for a callback before trying again.`,
      retryable: false,
    },
    metadata: {},
    raw,
  };
}

type Acknowledgement = v.InferOutput<typeof acknowledgementSchema>;

const optionalString = (value: unknown) => value === undefined || typeof value === 'string';

/**
 * The acknowledgement, if the body is one. The usual answer is checked by hand (what
 * {@link acknowledgementSchema} checks, read in place, without valibot's copy of the object);
 * anything else goes through the schema.
 */
function readAcknowledgement(body: unknown): Acknowledgement | undefined {
  if (typeof body === 'object' && body !== null) {
    const fields = body as Record<string, unknown>;
    if (
      (fields.ResponseCode === '0' || fields.ResponseCode === 0) &&
      optionalString(fields.ConversationID) &&
      optionalString(fields.OriginatorConversationID) &&
      optionalString(fields.ResponseDescription)
    ) {
      return fields as Acknowledgement;
    }
  }
  const parsed = v.safeParse(acknowledgementSchema, body);
  return parsed.success ? parsed.output : undefined;
}

/** The `errorCode` of a Daraja error answer, if it is one. */
export function darajaErrorCode(outcome: ResponseOutcome<unknown>): string | undefined {
  // Read directly: called on every answer, and a failed valibot parse (every acknowledgement)
  // builds issue objects with messages.
  const body = outcome.body;
  if (typeof body !== 'object' || body === null) return undefined;
  const code = (body as { errorCode?: unknown }).errorCode;
  return typeof code === 'string' ? code : undefined;
}
