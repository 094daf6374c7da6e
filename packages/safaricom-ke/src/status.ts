import { isResultErrorCode, type ResultError, type StatusQuery } from '@reversal/core';
import {
  type JsonTransport,
  lookupCode,
  type OperationSpec,
  type ProviderAnswer,
  type ResponseOutcome,
  truncateText,
} from '@reversal/core/kit';
import * as v from 'valibot';
import { DARAJA_STATUS_ERROR_CODES, UNKNOWN_STATUS_ERROR_CODE } from './codes/status-codes.js';
import { darajaErrorSchema } from './credentials.js';
import type { SafaricomKeMetadata, StatusQueryMetadata } from './metadata.js';
import type { ReversalSettings } from './reversal.js';

/** `Remarks` of every status query (Daraja requires it, up to 100 characters). */
export const STATUS_REMARKS = 'Reversal status check';

const acknowledgementSchema = v.looseObject({ ResponseCode: v.union([v.string(), v.number()]) });
const isZero = (code: string | number) => (typeof code === 'number' ? code === 0 : /^\s*0+\s*$/.test(code));

/**
 * What the query asks by: the reversal's receipt, else the reversal request's own
 * `OriginatorConversationID` (sent as `OriginalConversationID`), else only the payment's receipt —
 * which describes the payment, not its reversal, so its answer settles nothing.
 */
export function statusQueryTarget(query: StatusQuery): { readonly by: StatusQueryMetadata['by']; readonly fields: Record<string, string> } {
  if (query.reversalTransactionId) return { by: 'reversal-receipt', fields: { TransactionID: query.reversalTransactionId } };
  if (query.providerRequestId) return { by: 'reversal-request', fields: { OriginalConversationID: query.providerRequestId } };
  return { by: 'payment-receipt', fields: { TransactionID: query.originalTransactionId } };
}

/**
 * The status operation: `POST /mpesa/transactionstatus/v1/query` about the reversal, whose answer
 * comes by callback to a URL signed like the reversal's, carrying the reversal's identity. The
 * acknowledgement settles nothing: the result keeps the queried status.
 */
export function statusOperation(transport: JsonTransport, settings: ReversalSettings): OperationSpec<StatusQuery, SafaricomKeMetadata> {
  return {
    transport,
    async prepare(query) {
      const target = statusQueryTarget(query);
      const urls = await settings.correlator.statusUrls({
        reference: query.reference,
        originalTransactionId: query.originalTransactionId,
        providerRequestId: query.providerRequestId,
        conversationId: query.conversationId,
        reversalTransactionId: query.reversalTransactionId,
        prior: query.status ?? 'unknown',
      });
      return {
        request: {
          method: 'POST',
          path: '/mpesa/transactionstatus/v1/query',
          body: {
            Initiator: settings.initiatorName,
            SecurityCredential: settings.securityCredential,
            CommandID: 'TransactionStatusQuery',
            ...target.fields,
            PartyA: settings.shortCode,
            // "4": an organisation short code (Transaction Status page, "Request Parameter Definition").
            IdentifierType: '4',
            ResultURL: urls.ResultURL,
            QueueTimeOutURL: urls.QueueTimeOutURL,
            Remarks: STATUS_REMARKS,
            Occasion: query.reference,
          },
        },
        secrets: urls.tokens,
      };
    },
    read: (response, query) => readStatusAnswer(response, query),
  };
}

/**
 * Reads Daraja's answer to a status query. Whatever it is — an acknowledgement (the status comes
 * later by callback), a refusal, anything else — it is no evidence about the reversal, which keeps
 * the queried status; what happened to the query is in `metadata.statusQuery`.
 */
export function readStatusAnswer(response: ResponseOutcome<unknown>, query: StatusQuery): ProviderAnswer<SafaricomKeMetadata> {
  const by = statusQueryTarget(query).by;
  const raw = response.body;
  const acknowledgement = v.safeParse(acknowledgementSchema, raw);
  if (acknowledgement.success && isZero(acknowledgement.output.ResponseCode)) {
    const note =
      by === 'payment-receipt'
        ? "Sent by the payment's receipt (no id of the reversal is known): its answer describes the payment and cannot settle the reversal."
        : 'Daraja accepted the status query; its answer comes by callback to your result URL.';
    return keepStatus(query, { sent: true, by, message: note }, raw);
  }
  const error = v.safeParse(darajaErrorSchema, raw);
  const { mapping, providerCode } = error.success
    ? lookupCode(DARAJA_STATUS_ERROR_CODES, error.output.errorCode, UNKNOWN_STATUS_ERROR_CODE)
    : { mapping: UNKNOWN_STATUS_ERROR_CODE, providerCode: `HTTP_${response.status}` };
  const said = error.success && error.output.errorMessage ? ` Daraja said: "${truncateText(error.output.errorMessage, 200)}".` : '';
  const problem: ResultError = {
    code: mapping.code ?? 'PROCESSING_ERROR',
    providerCode,
    message: `Daraja refused the Transaction Status query (${providerCode}): ${mapping.description}${said} The reversal keeps its status.`,
    retryable: false,
  };
  return keepStatus(query, { sent: false, by, providerCode, message: problem.message }, raw, problem);
}

/**
 * The answer that leaves a reversal where it was: `pending` stays `pending`, `succeeded` stays
 * `succeeded`; `unknown` (or no status given) stays `unknown` with `problem` as its error, else
 * the queried result's own error when it carries one; a `failed` result stays `failed` only when
 * its error is at hand.
 */
export function keepStatus(
  query: StatusQuery,
  statusQuery: StatusQueryMetadata,
  raw: unknown,
  problem?: ResultError,
  extra: SafaricomKeMetadata = {},
): ProviderAnswer<SafaricomKeMetadata> {
  const metadata: SafaricomKeMetadata = { ...extra, statusQuery };
  const prior = query.status ?? 'unknown';
  if (prior === 'pending' || prior === 'succeeded') return { status: prior, metadata, raw };
  const previous = previousError(query);
  if (prior === 'failed' && previous) return { status: 'failed', error: previous, metadata, raw };
  const error = problem ??
    (previous && { ...previous, retryable: false }) ?? {
      code: 'TIMEOUT',
      providerCode: 'STATUS_QUERY_SENT',
      message: "The reversal's outcome is still unknown: the status query's answer will come by callback to your result URL.",
      retryable: false,
    };
  return { status: 'unknown', error, metadata, raw };
}

/** The error of the queried result, when the query is a previous result that carries one. */
function previousError(query: StatusQuery): ResultError | undefined {
  const error = (query as { readonly error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, providerCode, message, retryable } = error as Record<string, unknown>;
  if (!isResultErrorCode(code) || typeof providerCode !== 'string' || typeof message !== 'string' || typeof retryable !== 'boolean') {
    return undefined;
  }
  return { code, providerCode, message, retryable };
}
