import type { CodeMapping, ProviderCodeTable } from '@reversal/core/kit';

/**
 * The `ResultCode`s of a Daraja reversal callback (seed 000, "Result Codes"), as data. Daraja
 * sends `0` as a number on success and failure codes as strings ("R000002") or numbers (2001);
 * they are looked up as text, so `0` and `"0"` are alike.
 */
export const DARAJA_RESULT_CODES: ProviderCodeTable = {
  '0': { status: 'succeeded', retryable: false, description: 'The service request is processed successfully.' },
  R000001: {
    status: 'failed',
    code: 'ALREADY_REVERSED',
    retryable: false,
    description: 'The transaction has already been reversed.',
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
