
/** One row of {@link INS_CODE_TABLE}: the mapping plus the HTTP status Vodacom documents with the code. */
export interface InsCodeMapping extends CodeMapping {
  /** The HTTP status(es) the code travels with (the portal's "Response Codes & Descriptions"). */
  readonly httpStatuses: readonly number[];
}

const refused = (
  code: NonNullable<CodeMapping['code']>,
  httpStatus: number,
  description: string,
  retryable = false,
): InsCodeMapping => ({ status: 'failed', code, retryable, description, httpStatuses: [httpStatus] });

/**
 * Every response code of the Vodacom Mozambique Reversal API in the normalised model, with the
 * HTTP status the portal documents for it. Where the documentation leaves room, the row's `why`
 * says what was decided (sources: docs/providers/vodacom-mz.md, "Reversal response").
 *
 * How a response is read: the code decides only when the HTTP status agrees with it in kind —
 * INS-0 with a 2xx status, any other code with a 4xx or 5xx status (a different status of the same
 * kind, such as INS-15 with 422, is accepted). A response where they disagree (INS-0 with HTTP 500,
 * INS-15 with HTTP 200), an empty or missing code, or a code that is not in this table is
 * {@link UNCERTAIN_RESPONSE} with the raw code kept: any of them may describe a reversal that was
 * applied, and a status check settles it.
 */
export const INS_CODE_TABLE = Object.freeze({
  'INS-0': {
    status: 'succeeded',
    retryable: false,
    description: 'Request processed successfully',
    httpStatuses: [200, 201],
  },
  'INS-1': {
    status: 'unknown',
    code: 'PROCESSING_ERROR',
    retryable: false,
    description: 'Internal Error',
    httpStatuses: [500],
    why: 'A 500 does not say whether the reversal was applied first, and integrators report INS-1 for requests refused for other reasons (insufficient funds, a space in the reference): check status.',
  },
  'INS-2': refused('AUTHENTICATION_FAILED', 401, 'Invalid API Key'),
  'INS-4': refused('ACCOUNT_INACTIVE', 401, 'User is not active'),
  'INS-5': refused('PROCESSING_ERROR', 401, 'Transaction cancelled by customer'),
  'INS-6': refused('PROCESSING_ERROR', 401, 'Transaction Failed'),
  'INS-9': {
    status: 'unknown',
    code: 'TIMEOUT',
    retryable: false,
    description: 'Request timeout',
    httpStatuses: [408],
    why: 'The gateway stopped waiting; the M-Pesa core may still complete the reversal.',
  },
  'INS-10': {
    status: 'unknown',
    code: 'DUPLICATE_REQUEST',
    retryable: false,
    description: 'Duplicate Transaction',
    httpStatuses: [409],
    why: 'Vodacom already received a request with this reference: this one did nothing, but the earlier one may have reversed the payment. Only its status says which.',
  },
  'INS-13': refused('INVALID_REQUEST', 400, 'Invalid Shortcode Used'),
  'INS-14': refused('INVALID_REQUEST', 400, 'Invalid Reference Used'),
  'INS-15': refused('INVALID_AMOUNT', 400, 'Invalid Amount Used'),
  'INS-16': {
    ...refused('RATE_LIMITED', 503, 'Unable to handle the request due to a temporary overloading', true),
    why: 'Nothing was done and the same request can succeed after a pause.',
  },
  'INS-17': refused('INVALID_REQUEST', 400, 'Invalid Transaction Reference. Length Should Be Between 1 and 20.'),
  'INS-18': refused('TRANSACTION_NOT_FOUND', 400, 'Invalid TransactionID Used'),
  'INS-19': refused('INVALID_REQUEST', 400, 'Invalid ThirdPartyReference Used'),
  'INS-20': refused('INVALID_REQUEST', 400, 'Not All Parameters Provided. Please try again.'),
  'INS-21': refused('INVALID_REQUEST', 400, 'Parameter validations failed. Please try again.'),
  'INS-22': refused('INVALID_REQUEST', 400, 'Invalid Operation Type'),
  'INS-23': {
    status: 'unknown',
    code: 'PROCESSING_ERROR',
    retryable: false,
    description: 'Unknown Status. Contact M-Pesa Support',
    httpStatuses: [400],
    why: 'Vodacom itself does not know the outcome; treating it as a failure could reverse twice.',
  },
  'INS-24': refused('AUTHENTICATION_FAILED', 400, 'Invalid InitiatorIdentifier Used'),
  'INS-25': refused('AUTHENTICATION_FAILED', 400, 'Invalid SecurityCredential Used'),
  'INS-26': refused('PERMISSION_DENIED', 400, 'Not authorized'),
  'INS-993': refused('PROCESSING_ERROR', 400, 'Direct Debit Missing'),
  'INS-994': refused('PROCESSING_ERROR', 400, 'Direct Debit Already Exists'),
  'INS-995': refused('PROCESSING_ERROR', 400, "Customer's Profile Has Problems"),
  'INS-996': refused('PROCESSING_ERROR', 400, 'Customer Account Status Not Active'),
  'INS-997': refused('TRANSACTION_NOT_FOUND', 400, 'Linking Transaction Not Found'),
  'INS-998': refused('INVALID_REQUEST', 400, 'Invalid Market'),
  'INS-2001': refused('AUTHENTICATION_FAILED', 400, 'Initiator authentication error.'),
  'INS-2002': refused('PROCESSING_ERROR', 400, 'Receiver invalid.'),
  'INS-2006': {
    ...refused('INSUFFICIENT_FUNDS', 422, 'Insufficient balance', true),
    why: 'Nothing was done and the same request can succeed once the merchant account is funded.',
  },
  'INS-2051': refused('INVALID_REQUEST', 400, 'MSISDN invalid.'),
  'INS-2057': refused('INVALID_REQUEST', 400, 'Language code invalid.'),
} satisfies Record<string, InsCodeMapping>) as Readonly<Record<string, InsCodeMapping>> & ProviderCodeTable;

/** The mapping for a response whose code is empty, unknown, or contradicts its HTTP status. */
export const UNCERTAIN_RESPONSE: CodeMapping = Object.freeze({
  status: 'unknown',
  code: 'PROCESSING_ERROR',
  retryable: false,
  description: 'The response does not say clearly what happened',
});import type { CodeMapping, ProviderCodeTable } from '@reversal/core';

