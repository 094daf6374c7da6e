import {
  type JsonTransport,
  lookupCode,
  type OperationSpec,
  type ProviderAnswer,
  type ResponseOutcome,
  truncateText,
  type ValidatedReversalRequest,
} from '@reversal/core/kit';
import * as v from 'valibot';
import type { CallbackCorrelator } from './callback-urls.js';
import { DARAJA_ERROR_CODES, UNKNOWN_ERROR_CODE } from './codes/error-codes.js';
import { darajaErrorSchema } from './credentials.js';
import type { SafaricomKeMetadata } from './metadata.js';

/** `Remarks` when the request gives no reason (Daraja requires 2–100 characters). */
export const DEFAULT_REMARKS = 'Transaction reversal';

// An id of another type (null, a number) is read as absent: the acknowledgement stands without it.
const optionalText = v.fallback(v.optional(v.string()), undefined);

/** Daraja's acknowledgement, `{ OriginatorConversationID, ConversationID, ResponseCode, ResponseDescription }`. */
const acknowledgementSchema = v.looseObject({
  ResponseCode: v.union([v.string(), v.number()]),
  ConversationID: optionalText,
  OriginatorConversationID: optionalText,
  ResponseDescription: optionalText,
});

/** `0`, `"0"`, `"00"`: Daraja types `ResponseCode` as Numeric and sends it as text. */
const isZero = (code: string | number) => (typeof code === 'number' ? code === 0 : /^\s*0+\s*$/.test(code));
const isCode = (code: string | number) => (typeof code === 'number' ? Number.isFinite(code) : code.trim() !== '');

/** What the reversal call needs of the provider instance. */
export interface ReversalSettings {
  readonly initiatorName: string;
  readonly securityCredential: string;
  readonly shortCode: string;
  readonly correlator: CallbackCorrelator;
}

/**
 * The reversal operation: `POST /mpesa/reversal/v1/request` with the body Daraja documents, and
 * the answer read into `pending` (acknowledged), `failed` (refused) or `unknown` (anything else).
 */
export function reversalOperation(
  transport: JsonTransport,
  settings: ReversalSettings,
): OperationSpec<ValidatedReversalRequest, SafaricomKeMetadata> {
  return {
    transport,
    async prepare(request) {
      const urls = await settings.correlator.urls(request.reference, request.transactionId);
      return {
        request: {
          method: 'POST',
          path: '/mpesa/reversal/v1/request',
          body: {
            Initiator: settings.initiatorName,
            SecurityCredential: settings.securityCredential,
            CommandID: 'TransactionReversal',
            TransactionID: request.transactionId,
            // Whole shillings as text, like the documentation example ("200"); the rules refused cents.
            Amount: request.amount!.slice(0, -3),
            ReceiverParty: settings.shortCode,
            // Daraja spells it "Reciever"; the correct spelling is rejected with 400.002.02. The value is the text "11".
            RecieverIdentifierType: '11',
            ResultURL: urls.ResultURL,
            QueueTimeOutURL: urls.QueueTimeOutURL,
            Remarks: request.reason?.trim() || DEFAULT_REMARKS,
            // Free text on M-Pesa's side; the reference makes the reversal findable in the org portal.
            Occasion: request.reference,
          },
        },
        secrets: urls.tokens,
      };
    },
    read: readReversalAnswer,
  };
}

/**
 * Reads Daraja's answer to a reversal request. A `ResponseCode` that is numerically zero is an
 * acknowledgement (`pending`) whatever else the body holds; a Daraja error
 * (`{ requestId, errorCode, errorMessage }`) is looked up in {@link DARAJA_ERROR_CODES}; a 2xx
 * answer with a non-zero `ResponseCode` is a refusal; anything else is `unknown`, because the
 * request may have been queued.
 */
export function readReversalAnswer(response: ResponseOutcome<unknown>): ProviderAnswer<SafaricomKeMetadata> {
  const raw = response.body;
  const acknowledgement = v.safeParse(acknowledgementSchema, raw);
  if (acknowledgement.success && isZero(acknowledgement.output.ResponseCode)) {
    const { ConversationID, OriginatorConversationID, ResponseDescription } = acknowledgement.output;
    return {
      status: 'pending',
      conversationId: ConversationID || undefined,
      providerRequestId: OriginatorConversationID || undefined,
      metadata: ResponseDescription ? { providerDescription: truncateText(ResponseDescription, 500) } : {},
      raw,
    };
  }

  const error = v.safeParse(darajaErrorSchema, raw);
  if (error.success) {
    const { mapping, providerCode } = lookupCode(DARAJA_ERROR_CODES, error.output.errorCode, UNKNOWN_ERROR_CODE);
    const said = error.output.errorMessage;
    return {
      status: mapping.status === 'unknown' ? 'unknown' : 'failed',
      error: {
        code: mapping.code ?? 'PROCESSING_ERROR',
        providerCode,
        message: `${mapping.description}${said ? ` Daraja said: "${truncateText(said, 200)}".` : ''}`,
        retryable: mapping.retryable,
      },
      metadata: said ? { providerDescription: truncateText(said, 500) } : {},
      raw,
    };
  }

  const ok = response.status >= 200 && response.status < 300;
  if (ok && acknowledgement.success && isCode(acknowledgement.output.ResponseCode)) {
    // A non-zero ResponseCode ("0 = success, others = error"): the request was not accepted, nothing was queued.
    const code = String(acknowledgement.output.ResponseCode).trim();
    return {
      status: 'failed',
      error: {
        code: 'PROCESSING_ERROR',
        providerCode: code,
        message: `Daraja did not accept the request (ResponseCode ${code}).`,
        retryable: false,
      },
      raw,
    };
  }

  return {
    status: 'unknown',
    error: {
      code: 'PROCESSING_ERROR',
      providerCode: `HTTP_${response.status}`,
      message: `Daraja answered HTTP ${response.status} with a body that is neither an acknowledgement nor a Daraja error. The reversal may have been queued: wait for a callback before trying again.`,
      retryable: false,
    },
    raw,
  };
}
