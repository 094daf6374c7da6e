import type { ResponseOutcome } from '@reversal/core/kit';
import { RESULT_ERROR_CODES } from '@reversal/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INS_CODE_TABLE } from './codes/ins-codes.js';
import { readReversalResponse } from './reversal.js';
import { readStatusResponse } from './status.js';

const response = (status: number, body: unknown): ResponseOutcome<unknown> => ({ kind: 'response', status, headers: {}, body, text: '' });

const code = fc.oneof(fc.constantFrom(...Object.keys(INS_CODE_TABLE), '', ' INS-0 ', 'INS-0\n'), fc.string(), fc.integer(), fc.constant(null));
const body = fc.oneof(
  fc.constant(undefined),
  fc.record(
    {
      output_ResponseCode: code,
      output_ResponseDesc: fc.oneof(fc.string(), fc.anything()),
      output_ConversationID: fc.oneof(fc.string({ unit: fc.constantFrom(...'0123456789abcdef') }), fc.anything()),
      output_TransactionID: fc.oneof(fc.string(), fc.anything()),
      output_ResponseTransactionStatus: fc.oneof(fc.constantFrom('Completed', 'Cancelled', 'N/A', 'pending'), fc.anything()),
    },
    { requiredKeys: [] },
  ),
  fc.dictionary(fc.string(), fc.anything()),
  // JSON that is not an object of output_* fields at all.
  fc.oneof(fc.array(fc.anything()), fc.string(), fc.double(), fc.constant(null)),
);
const httpStatus = fc.integer({ min: 100, max: 599 });
const notAnObject = (payload: unknown) => payload !== undefined && (typeof payload !== 'object' || payload === null || Array.isArray(payload));

/** What every answer must be, whatever it was read from. */
function expectWellFormed(answer: ReturnType<typeof readReversalResponse>, status: number) {
  expect(['pending', 'succeeded', 'failed', 'unknown']).toContain(answer.status);
  expect(answer.metadata?.httpStatus).toBe(status);
  if (answer.status === 'failed' || answer.status === 'unknown') {
    expect(RESULT_ERROR_CODES).toContain(answer.error.code);
    expect(typeof answer.error.providerCode).toBe('string');
    expect(answer.error.message.length).toBeGreaterThan(0);
    expect(typeof answer.error.retryable).toBe('boolean');
    if (answer.status === 'unknown') expect(answer.error.retryable).toBe(false);
  }
}

describe('reading any Vodacom response', () => {
  it('always gives a well-formed answer, never succeeded unless INS-0 came with a 2xx status', () => {
    fc.assert(
      fc.property(httpStatus, body, (status, payload) => {
        const answer = readReversalResponse(response(status, payload));
        expectWellFormed(answer, status);
        if (answer.status === 'succeeded') {
          expect(String((payload as Record<string, unknown>).output_ResponseCode).trim()).toBe('INS-0');
          expect(status >= 200 && status < 300).toBe(true);
        }
        expect(answer.status).not.toBe('pending');
        if (notAnObject(payload)) expect(answer).toMatchObject({ status: 'unknown', error: { providerCode: 'INVALID_RESPONSE' } });
      }),
      { numRuns: 2_000 },
    );
  });

  it('always gives a well-formed status answer, never failed unless Vodacom named a final status', () => {
    fc.assert(
      fc.property(httpStatus, body, (status, payload) => {
        const answer = readStatusResponse(response(status, payload));
        expectWellFormed(answer, status);
        if (answer.status === 'failed') {
          expect(['cancelled', 'expired', 'failed', 'rejected']).toContain(
            String((payload as Record<string, unknown>).output_ResponseTransactionStatus).trim().toLowerCase(),
          );
        }
        if (notAnObject(payload)) expect(answer).toMatchObject({ status: 'unknown', error: { providerCode: 'INVALID_RESPONSE' } });
        // The query's conversation id is never taken for the reversal's.
        expect(answer.conversationId).toBeUndefined();
      }),
      { numRuns: 2_000 },
    );
  });
});
