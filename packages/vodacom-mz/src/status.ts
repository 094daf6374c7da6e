import { generateReference, type StatusQuery } from '@reversal/core';
import { type JsonTransport, lookupCode, type OperationSpec, type ProviderAnswer, type ResponseOutcome } from '@reversal/core/kit';
import { INS_CODE_TABLE, UNCERTAIN_RESPONSE } from './codes/ins-codes.js';
import { TRANSACTION_STATUS_TABLE, UNKNOWN_TRANSACTION_STATUS } from './codes/transaction-status-codes.js';
import type { VodacomMzMetadata } from './metadata.js';
import type { ResolvedVodacomMzOptions } from './options.js';
import { readResponse, statusAgreesWithCode, unreadableError } from './response-body.js';

const CHECK_AGAIN = "The reversal's outcome is still unknown. Check its status again later.";

/**
 * The status operation: `GET /ipg/v1x/queryTransactionStatus/` on the status API's port. The
 * query reference is the reversal's transaction id when known, else the request's provider id (the
 * `input_ThirdPartyReference` it was sent with), else its reference — never a conversation id,
 * which after INS-10 belongs to the refused duplicate (docs/providers/vodacom-mz.md, "Query
 * Transaction Status"). The query carries a fresh reference of its own.
 */
export function statusOperation(
  transport: JsonTransport,
  headers: Readonly<Record<string, string>>,
  options: ResolvedVodacomMzOptions,
): OperationSpec<StatusQuery, VodacomMzMetadata> {
  return {
    transport,
    prepare: (query) => ({
      request: {
        method: 'GET',
        path: '/ipg/v1x/queryTransactionStatus/',
        query: {
          input_QueryReference: query.reversalTransactionId || query.providerRequestId || query.reference,
          input_ServiceProviderCode: options.serviceProviderCode,
          input_ThirdPartyReference: generateReference(),
        },
        headers,
      },
    }),
    read: readStatusResponse,
  };
}

/**
 * Reads a Query Transaction Status response into the queried reversal's status. Only an INS-0
 * answer with a 2xx status says anything about the reversal, through `TRANSACTION_STATUS_TABLE`;
 * any other answer means the *query* failed, so the reversal stays `unknown`, with the query's
 * normalised code (`AUTHENTICATION_FAILED`, `RATE_LIMITED`, …) saying why. The answer's
 * conversation id is the query's, not the reversal's: the result keeps the caller's.
 */
export function readStatusResponse(response: ResponseOutcome<unknown>): ProviderAnswer<VodacomMzMetadata> {
  const read = readResponse(response);
  if (!read) {
    return { status: 'unknown', error: unreadableError(response.status, CHECK_AGAIN), metadata: { httpStatus: response.status }, raw: response.body };
  }
  const { body, httpStatus, metadata } = read;
  const raw = response.body;
  const responseCode = body?.output_ResponseCode;
  if (responseCode !== 'INS-0' || !statusAgreesWithCode(responseCode, httpStatus)) {
    const lookup = lookupCode(INS_CODE_TABLE, responseCode, UNCERTAIN_RESPONSE);
    const description = body?.output_ResponseDesc;
    const said = `${lookup.providerCode || 'no code'}${description ? ` "${description}"` : ''}, HTTP ${httpStatus}`;
    const known = lookup.known && statusAgreesWithCode(lookup.providerCode, httpStatus) && lookup.mapping.code;
    return {
      status: 'unknown',
      error: {
        code: known || 'PROCESSING_ERROR',
        providerCode: lookup.providerCode,
        message: `The status query failed (${said}), so the reversal's outcome is still unknown. Check its status again later.`,
        retryable: false,
      },
      metadata,
      raw,
    };
  }

  const transactionStatus = body?.output_ResponseTransactionStatus;
  const mapping = lookupCode(TRANSACTION_STATUS_TABLE, transactionStatus?.toLowerCase(), UNKNOWN_TRANSACTION_STATUS).mapping;
  const shown = transactionStatus ? `"${transactionStatus}"` : 'no transaction status';
  const providerCode = transactionStatus ?? '';
  switch (mapping.status) {
    case 'succeeded':
    case 'pending':
      return { status: mapping.status, metadata, raw };
    case 'failed':
      return {
        status: 'failed',
        error: {
          code: mapping.code ?? 'PROCESSING_ERROR',
          providerCode,
          message: `Vodacom reports the reversal as ${shown}: it was not applied. Send it again with a new reference if it is still wanted.`,
          retryable: mapping.retryable,
        },
        metadata,
        raw,
      };
    default:
      return {
        status: 'unknown',
        error: {
          code: mapping.code ?? 'PROCESSING_ERROR',
          providerCode,
          message: `Vodacom answered ${shown} for this reversal, which does not settle it. Check again later; if you send the reversal again, use the same reference (Vodacom refuses a repeated reference with INS-10, so it cannot be reversed twice).`,
          retryable: false,
        },
        metadata,
        raw,
      };
  }
}
