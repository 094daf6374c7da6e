
/**
 * The `code` of every Acme Money answer (reversal and status query alike), as data: what it means
 * and how it maps. Every row has a test; the README's table is generated from it.
 */
export const ACME_MONEY_CODES: ProviderCodeTable = Object.freeze({
  A000: { status: 'succeeded', retryable: false, description: 'The payment is reversed.' },
  A001: { status: 'failed', code: 'TRANSACTION_NOT_FOUND', retryable: false, description: 'No payment with this transaction id.' },
  A002: {
    status: 'unknown',
    code: 'ALREADY_REVERSED',
    retryable: false,
    description: 'The payment is already reversed in full.',
    why: 'The payment is reversed — by this request earlier, or by another: never "not reversed". Do not send again; check the earlier attempt.',
  },
  A003: {
    status: 'failed',
    code: 'INSUFFICIENT_FUNDS',
    retryable: true,
    description: 'The merchant account cannot fund the reversal now.',
    why: 'Nothing was moved; the reversal can succeed once the account is funded.',
  },
  A004: { status: 'failed', code: 'INVALID_AMOUNT', retryable: false, description: 'The amount is more than what is left of the payment.' },
  A005: { status: 'failed', code: 'INVALID_REQUEST', retryable: false, description: 'A field of the request is missing or malformed.' },
  A006: {
    status: 'failed',
    code: 'TRANSACTION_NOT_FOUND',
    retryable: true,
    description: 'No reversal request with this reference (status query).',
    why: 'The API records every request before acting on it, so a reference it does not know was never received: nothing was reversed, and sending the reversal again with the same reference is safe.',
  },
  A007: {
    status: 'failed',
    code: 'DUPLICATE_REQUEST',
    retryable: false,
    description: 'The reference was already used for another payment.',
  },
  A401: { status: 'failed', code: 'AUTHENTICATION_FAILED', retryable: false, description: 'The API key is not valid.' },
  A429: { status: 'failed', code: 'RATE_LIMITED', retryable: true, description: 'Too many requests; try again after a pause.' },
  A500: {
    status: 'unknown',
    code: 'PROCESSING_ERROR',
    retryable: false,
    description: 'The API failed while processing the request.',
    why: 'The failure may come after the reversal was applied: check the status before sending it again.',
  },
});

/** The mapping of a code that is not in the table, or of an answer without one: it may have been applied. */
export const UNKNOWN_CODE: CodeMapping = Object.freeze({
  status: 'unknown',
  code: 'PROCESSING_ERROR',
  retryable: false,
  description: 'A code this adapter does not know, or no code.',
  why: 'An unknown answer cannot prove that nothing was reversed: check the status before sending it again.',
});import type { CodeMapping, ProviderCodeTable } from '@reversal/core';

