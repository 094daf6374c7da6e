import { describe, expect, it } from 'vitest';
import { ACME_MONEY_CODES } from './result-codes.js';

// Written from the API's description in the README, independently of the table.
const EXPECTED = {
  A000: ['succeeded', undefined, false],
  A001: ['failed', 'TRANSACTION_NOT_FOUND', false],
  A002: ['unknown', 'ALREADY_REVERSED', false],
  A003: ['failed', 'INSUFFICIENT_FUNDS', true],
  A004: ['failed', 'INVALID_AMOUNT', false],
  A005: ['failed', 'INVALID_REQUEST', false],
  A006: ['failed', 'TRANSACTION_NOT_FOUND', true],
  A007: ['failed', 'DUPLICATE_REQUEST', false],
  A401: ['failed', 'AUTHENTICATION_FAILED', false],
  A429: ['failed', 'RATE_LIMITED', true],
  A500: ['unknown', 'PROCESSING_ERROR', false],
} as const;

describe('ACME_MONEY_CODES', () => {
  it('has a row for every documented code and no other', () => {
    expect(Object.keys(ACME_MONEY_CODES).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('maps %s', (code, [status, normalised, retryable]) => {
    expect(ACME_MONEY_CODES[code]).toMatchObject({ status, retryable, ...(normalised ? { code: normalised } : {}) });
  });
});
