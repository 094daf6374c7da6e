import type { CodeMapping, ProviderCodeTable } from '@reversal/core';

/**
 * Daraja's synchronous `errorCode`s (https://developer.safaricom.co.ke/apis/Reversal, "Error
 * Response Codes"), answered instead of an
 * acknowledgement, as data. None of them carries a ConversationID: the request was refused by
 * the gateway, no callback follows, and M-Pesa's ledger refuses a second reversal of a
 * transaction anyway (R000001), so a refused request can safely be called `failed`.
 */
export const DARAJA_ERROR_CODES: ProviderCodeTable = {
  '400.002.02': {
    status: 'failed',
    code: 'INVALID_REQUEST',
    retryable: false,
    description: 'Bad Request: a field of the request is invalid (errorMessage names it).',
  },
  '404.001.03': {
    status: 'failed',
    code: 'AUTHENTICATION_FAILED',
    retryable: false,
    description:
      'Invalid Access Token, even after fetching a new one: check the consumer key and secret and the environment.',
  },
  '404.001.01': {
    status: 'failed',
    code: 'INVALID_REQUEST',
    retryable: false,
    description: 'Resource not found: the gateway has no such API at this address.',
    why:
      'Answered by the API gateway before anything reaches M-Pesa (wrong baseUrl or path, or the Reversal ' +
      'product is not enabled on the Daraja app: "no apiproduct match found"). Nothing was processed, and ' +
      'repeating the request cannot help until the configuration is fixed: failed, not retryable.',
  },
  '500.001.1001': {
    status: 'failed',
    code: 'PROCESSING_ERROR',
    retryable: false,
    description: 'Internal Server Error: Daraja could not process the request as sent.',
    why:
      'Despite the 500, Daraja documents the mitigation as "ensure the request payload is set as per API ' +
      'documentation", and integrators report it for wrong credentials ("Wrong credentials", ' +
      'martinmogusu/django-daraja#3). It replaces the acknowledgement, so no conversation exists and no ' +
      'callback follows: failed. Not retryable: the same payload fails the same way; fix it first.',
  },
  '500.003.02': {
    status: 'failed',
    code: 'RATE_LIMITED',
    retryable: true,
    description: 'Spike Arrest Violation: too many requests per second. Try again after a pause.',
  },
  '500.003.03': {
    status: 'failed',
    code: 'RATE_LIMITED',
    retryable: true,
    description: 'Quota Violation: the request quota is used up. Try again later.',
  },
};

/**
 * An `errorCode` outside the table: `unknown`, because we cannot tell from an undocumented code
 * whether the request was processed; check before trying again.
 */
export const UNKNOWN_ERROR_CODE: CodeMapping = {
  status: 'unknown',
  code: 'PROCESSING_ERROR',
  retryable: false,
  description: 'Daraja answered with an error code this library does not know; the reversal may or may not have been queued.',
};
