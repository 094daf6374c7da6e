import type { ReversalResult, StatusQuery } from '@reversal/core';
import { lookupCode, type ResponseOutcome } from '@reversal/core/kit';
import { INS_CODE_TABLE, UNCERTAIN_RESPONSE } from './ins-code-table.js';
import { statusAgreesWithCode } from './map-reversal-response.js';
import { cleanText, responseField, type VodacomResponseBody } from './read-response.js';
import { TRANSACTION_STATUS_TABLE, UNKNOWN_TRANSACTION_STATUS } from './transaction-status-table.js';
import type { VodacomMzMetadata } from './vodacom-mz-metadata.js';

/**
 * Reads a Query Transaction Status response into the result model of the queried reversal.
 *
 * Only an INS-0 answer (with a 2xx status) says anything about the reversal; its
 * `output_ResponseTransactionStatus` decides through `TRANSACTION_STATUS_TABLE`. Any other answer
 * means the *query* failed, so the reversal stays `unknown`, with the query's normalised code
 * (`AUTHENTICATION_FAILED`, `RATE_LIMITED`, …) saying why.
 */
export function mapStatusResponse(
  response: ResponseOutcome<VodacomResponseBody>,
  query: StatusQuery,
  provider: string,
): ReversalResult<VodacomMzMetadata> {
  const { body, status: httpStatus } = response;
  const responseCode = responseField(body, 'output_ResponseCode');
  const description = cleanText(responseField(body, 'output_ResponseDesc'));
  const transactionStatus = cleanText(responseField(body, 'output_ResponseTransactionStatus'));
  const conversationId = query.conversationId ?? (responseField(body, 'output_ConversationID') || undefined);
  const base = {
    provider,
    reference: query.reference,
    originalTransactionId: query.originalTransactionId,
    ...(conversationId ? { conversationId } : {}),
    ...(query.reversalTransactionId ? { reversalTransactionId: query.reversalTransactionId } : {}),
    metadata: {
      httpStatus,
      ...(responseCode === undefined ? {} : { responseCode }),
      ...(description === undefined ? {} : { responseDescription: description }),
      ...(transactionStatus === undefined ? {} : { transactionStatus }),
    } satisfies VodacomMzMetadata,
    raw: body ?? null,
  };

  if (responseCode !== 'INS-0' || !statusAgreesWithCode(responseCode, httpStatus)) {
    const lookup = lookupCode(INS_CODE_TABLE, responseCode, UNCERTAIN_RESPONSE);
    const said = `${lookup.providerCode || 'no code'}${description ? ` "${description}"` : ''}, HTTP ${httpStatus}`;
    return {
      ...base,
      status: 'unknown',
      error: {
        code: (lookup.known && statusAgreesWithCode(lookup.providerCode, httpStatus) && lookup.mapping.code) || 'PROCESSING_ERROR',
        providerCode: lookup.providerCode,
        message: `The status query failed (${said}), so the reversal's outcome is still unknown. Check its status again later.`,
        retryable: false,
      },
    };
  }

  const status = transactionStatus?.toLowerCase() ?? '';
  const mapping = lookupCode(TRANSACTION_STATUS_TABLE, status, UNKNOWN_TRANSACTION_STATUS).mapping;
  const shown = transactionStatus ? `"${transactionStatus}"` : 'no transaction status';
  switch (mapping.status) {
    case 'succeeded':
      return { ...base, status: 'succeeded' };
    case 'pending':
      return { ...base, status: 'pending' };
    case 'failed':
      return {
        ...base,
        status: 'failed',
        error: {
          code: mapping.code ?? 'PROCESSING_ERROR',
          providerCode: transactionStatus ?? '',
          message: `Vodacom reports the reversal as ${shown}: it was not applied. Send it again with a new reference if it is still wanted.`,
          retryable: mapping.retryable,
        },
      };
    default:
      return {
        ...base,
        status: 'unknown',
        error: {
          code: mapping.code ?? 'PROCESSING_ERROR',
          providerCode: transactionStatus ?? '',
          message: `Vodacom answered ${shown} for this reversal, which does not settle it. Check again later; if you send the reversal again, use the same reference (Vodacom refuses a repeated reference with INS-10, so it cannot be reversed twice).`,
          retryable: false,
        },
      };
  }
}
