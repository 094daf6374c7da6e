
const didNotHappen = (description: string): CodeMapping => ({
  status: 'failed',
  code: 'PROCESSING_ERROR',
  retryable: true,
  description,
  why: 'Vodacom reports the reversal as not done; a new request (with a new reference) may succeed.',
});

/**
 * `output_ResponseTransactionStatus` of the Query Transaction Status API in the normalised model.
 * The documented values are `Completed`, `Cancelled`, `Expired` and `N/A`; SDKs also handle
 * `Pending`, `Failed`, `Rejected`, `Processing`, `Success` and `Successful` (karson/mpesa-php-sdk
 * `TransactionStatus`). Matched without regard to case. A value not listed here leaves the reversal
 * `unknown`, like `N/A`.
 */
export const TRANSACTION_STATUS_TABLE: ProviderCodeTable = Object.freeze({
  completed: { status: 'succeeded', retryable: false, description: 'Transaction completed successfully' },
  success: { status: 'succeeded', retryable: false, description: 'Transaction completed successfully' },
  successful: { status: 'succeeded', retryable: false, description: 'Transaction completed successfully' },
  pending: { status: 'pending', retryable: false, description: 'Transaction is being processed' },
  processing: { status: 'pending', retryable: false, description: 'Transaction is being processed' },
  cancelled: didNotHappen('Transaction was cancelled'),
  expired: didNotHappen('Transaction expired'),
  failed: didNotHappen('Transaction failed'),
  rejected: didNotHappen('Transaction was rejected'),
  'n/a': {
    status: 'unknown',
    code: 'PROCESSING_ERROR',
    retryable: false,
    description: 'Status not available',
    why: 'Vodacom has no status for the reference (yet); that is not proof that nothing happened.',
  },
});

/** The mapping for a transaction status that is missing or not in {@link TRANSACTION_STATUS_TABLE}. */
export const UNKNOWN_TRANSACTION_STATUS: CodeMapping = Object.freeze({
  status: 'unknown',
  code: 'PROCESSING_ERROR',
  retryable: false,
  description: 'The transaction status is missing or not one this library knows',
});import type { CodeMapping, ProviderCodeTable } from '@reversal/core';

