import type { CodeMapping, ProviderCodeTable } from '@reversal/core';

/**
 * The `ResultCode`s of a Daraja reversal callback (https://developer.safaricom.co.ke/apis/Reversal,
 * "Result Codes"), as data. Daraja
 * sends `0` as a number on success and failure codes as strings ("R000002") or numbers (2001);
 * they are looked up as text, so `0` and `"0"` are alike.
 */
export const DARAJA_RESULT_CODES: ProviderCodeTable = {
  '0': { status: 'succeeded', retryable: false, description: 'The service request is processed successfully.' },
  R000001: {
    status: 'unknown',
    code: 'ALREADY_REVERSED',
    retryable: false,
    description:
      'The transaction has already been reversed: the payment is reversed, by an earlier attempt or elsewhere. ' +
      "Do not send the reversal again; check the earlier attempt's status.",
    why:
      'It answers this request, but it says the payment IS reversed: calling it failed would tell the caller "not ' +
      'reversed" for a reversed payment, and calling it succeeded would count a reversal this request did not make ' +
      '(a resend after a lost answer gets R000001 for the first attempt\'s success). So unknown: the outcome of ' +
      'the payment is settled by the earlier attempt, whose status is what to check. Not retryable: a resend gets R000001 again.',
  },
  R000002: {
    status: 'failed',
    code: 'TRANSACTION_NOT_FOUND',
    retryable: false,
    description: 'The OriginalTransactionID is invalid or does not exist on M-Pesa.',
  },
  '1': {
    status: 'failed',
    code: 'INSUFFICIENT_FUNDS',
    retryable: true,
    description: 'The balance is insufficient: the short code cannot fund the reversal. Try again once it is funded.',
  },
  '11': {
    status: 'failed',
    code: 'ACCOUNT_INACTIVE',
    retryable: false,
    description: 'The DebitParty is in an invalid state: the short code account is not active.',
  },
  '21': {
    status: 'failed',
    code: 'PERMISSION_DENIED',
    retryable: false,
    description: 'The initiator is not allowed to initiate: give the API user the "Org Reversals Initiator" role.',
  },
  '2001': {
    status: 'failed',
    code: 'AUTHENTICATION_FAILED',
    retryable: false,
    description:
      'The initiator information is invalid: check the initiator name, its password and the certificate of the environment.',
  },
  '2006': {
    status: 'failed',
    code: 'ACCOUNT_INACTIVE',
    retryable: false,
    description: 'Declined due to account rule: the short code account is not active.',
  },
  '2028': {
    status: 'failed',
    code: 'PERMISSION_DENIED',
    retryable: false,
    description: 'Not permitted according to product assignment: the short code may not perform reversals.',
  },
  '8006': {
    status: 'failed',
    code: 'CREDENTIAL_LOCKED',
    retryable: false,
    description: 'The security credential is locked after too many bad attempts: have the Business Administrator unlock it.',
  },
};

/** What a callback `ResultCode` outside the table means: a final failure, the raw code kept. */
export const UNKNOWN_RESULT_CODE: CodeMapping = {
  status: 'failed',
  code: 'PROCESSING_ERROR',
  retryable: false,
  description: 'M-Pesa reported a result code this library does not know; see error.providerCode and raw.',
};
