import type { CodeMapping, ProviderCodeTable } from '@reversal/core';

// Every row of these tables is about the REVERSAL, as a Transaction Status answer leaves it
// (https://developer.safaricom.co.ke/apis/TransactionStatus; docs/providers/safaricom-ke.md,
// "Transaction Status"). A query that failed or did not identify the reversal is no evidence: the
// reversal keeps the status it had (`unknown` stays `unknown`, with the row's code as its error;
// `pending` stays `pending`, with the row in `metadata.statusQuery`). None is retryable: a result's
// `retryable` is about sending the reversal again, which a status query never proves safe; query again instead.

const noEvidence = (code: CodeMapping['code'], description: string, why?: string): CodeMapping => ({
  status: 'unknown',
  code,
  retryable: false,
  description,
  ...(why === undefined ? {} : { why }),
});

/**
 * The `TransactionStatus` of a status result (`ResultCode` 0) that identifies the reversal by its
 * originator conversation id or its receipt: the states of the Transaction Status FAQ.
 */
export const DARAJA_TRANSACTION_STATES: ProviderCodeTable = {
  Completed: { status: 'succeeded', retryable: false, description: 'The reversal was applied; ReceiptNo is its receipt.' },
  Cancelled: {
    status: 'failed',
    code: 'PROCESSING_ERROR',
    retryable: false,
    description: 'Cancelled: a final state, the reversal was not applied.',
    why:
      'A final state other than Completed, for the reversal itself (never for the payment: a result that does not ' +
      'identify the reversal settles nothing). Not retryable in the result model; a new reversal request is the ' +
      "application's decision, and M-Pesa refuses a second reversal of a reversed payment (R000001).",
  },
  Declined: {
    status: 'failed',
    code: 'PROCESSING_ERROR',
    retryable: false,
    description: 'Declined: a final state, M-Pesa refused the reversal.',
    why: 'As Cancelled: final, and about the reversal itself.',
  },
  Expired: {
    status: 'failed',
    code: 'TIMEOUT',
    retryable: false,
    description: 'Expired: a final state, the reversal timed out before it was applied.',
    why: 'As Cancelled: final, not applied. TIMEOUT names why; the status, failed, says it did not happen.',
  },
  Initiated: noEvidence('TIMEOUT', 'Initiated: not final yet; query again later.', 'Not a final state: the reversal may still be applied.'),
  Authorized: noEvidence('TIMEOUT', 'Authorized: not final yet; query again later.', 'Not a final state: the reversal may still be applied.'),
  'Pending Authorized': noEvidence(
    'TIMEOUT',
    'Pending Authorized: waiting for an approval on the M-Pesa portal; query again later.',
    'Not a final state: the reversal may still be applied.',
  ),
};

/** A `TransactionStatus` outside the table: no evidence, kept raw. */
export const UNKNOWN_TRANSACTION_STATE: CodeMapping = noEvidence(
  'PROCESSING_ERROR',
  'A TransactionStatus this library does not know: the reversal keeps its status; see raw.',
);

/**
 * The `ResultCode`s of a status result other than `0` (`0`: the query worked, and the reversal's
 * state is its `TransactionStatus`, above): the query failed, so the reversal keeps its status.
 */
export const DARAJA_STATUS_RESULT_CODES: ProviderCodeTable = {
  '2001': noEvidence(
    'PERMISSION_DENIED',
    'The initiator information is invalid: Transaction Status needs the "Transaction Status query ORG API" role ' +
      '(a different role from "Org Reversals Initiator"), and a right initiator name, password and certificate.',
    'A refused query says nothing about the reversal. Daraja answers 2001 for a wrong credential too; the role is ' +
      'named first because a credential that reverses is right, and the role is what status queries add.',
  ),
  SFC_IC0003: noEvidence(
    'AUTHENTICATION_FAILED',
    'The operator does not exist: check the initiator name (the API operator of the short code).',
    'A refused query says nothing about the reversal.',
  ),
};

/** A status `ResultCode` outside the table: the query failed, the reversal keeps its status. */
export const UNKNOWN_STATUS_RESULT_CODE: CodeMapping = noEvidence(
  'PROCESSING_ERROR',
  'The status query failed with a result code this library does not know: the reversal keeps its status; see raw.',
);

/**
 * The synchronous `errorCode`s of the Transaction Status call ("Error Codes"), and `404.001.03` as
 * captured for an expired token: the query was refused, so the reversal keeps its status.
 */
export const DARAJA_STATUS_ERROR_CODES: ProviderCodeTable = {
  '400.003.01': noEvidence('AUTHENTICATION_FAILED', 'Invalid Access Token, even after fetching a new one: check the consumer key and secret.'),
  '404.001.03': noEvidence('AUTHENTICATION_FAILED', 'Invalid Access Token (as captured), even after fetching a new one.'),
  '404.001.04': noEvidence('AUTHENTICATION_FAILED', 'Invalid Authentication Header.'),
  '400.003.02': noEvidence('INVALID_REQUEST', 'Bad Request: a field of the query is invalid (errorMessage names it).'),
  '400.002.05': noEvidence('INVALID_REQUEST', 'Invalid Request Payload.'),
  '404.003.01': noEvidence(
    'INVALID_REQUEST',
    'Resource not found: no Transaction Status API at this address, or the product is not enabled on the Daraja app.',
  ),
  '500.003.1001': noEvidence('PROCESSING_ERROR', 'Internal Server Error: query again later.'),
  '500.003.02': noEvidence('RATE_LIMITED', 'Spike arrest: too many requests at once; query again after a pause.'),
  '500.003.03': noEvidence('RATE_LIMITED', 'Quota violation: the request quota is spent; query again later.'),
};

/** A status `errorCode` outside the table: the query was refused, the reversal keeps its status. */
export const UNKNOWN_STATUS_ERROR_CODE: CodeMapping = noEvidence(
  'PROCESSING_ERROR',
  'Daraja refused the status query with an errorCode this library does not know: the reversal keeps its status.',
);
