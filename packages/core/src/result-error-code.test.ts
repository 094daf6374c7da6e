import { describe, expect, it } from 'vitest';
import { isResultErrorCode, RESULT_ERROR_CODES } from './result-error-code.js';

// The closed union, in its order, written out again so that a change to it is deliberate.
const SPECIFIED = [
  'ALREADY_REVERSED',
  'TRANSACTION_NOT_FOUND',
  'INSUFFICIENT_FUNDS',
  'INVALID_AMOUNT',
  'INVALID_REQUEST',
  'AUTHENTICATION_FAILED',
  'PERMISSION_DENIED',
  'ACCOUNT_INACTIVE',
  'CREDENTIAL_LOCKED',
  'DUPLICATE_REQUEST',
  'RATE_LIMITED',
  'PROVIDER_UNAVAILABLE',
  'TIMEOUT',
  'PROCESSING_ERROR',
];

describe('RESULT_ERROR_CODES', () => {
  it('lists exactly the specified codes, frozen', () => {
    expect(RESULT_ERROR_CODES).toEqual(SPECIFIED);
    expect(Object.isFrozen(RESULT_ERROR_CODES)).toBe(true);
  });

  it.each(SPECIFIED)('isResultErrorCode(%s) is true', (code) => {
    expect(isResultErrorCode(code)).toBe(true);
  });

  it.each(['already_reversed', 'ERR_VALIDATION', '', ' TIMEOUT', null, undefined, 0, ['TIMEOUT']])('isResultErrorCode(%o) is false', (value) => {
    expect(isResultErrorCode(value)).toBe(false);
  });
});
