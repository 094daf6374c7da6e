import type { ReversalProvider } from '@reversal/core';
import { assertReversalResult } from '@reversal/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INS_CODE_TABLE } from './ins-code-table.js';
import { mapReversalResponse } from './map-reversal-response.js';
import { mapStatusResponse } from './map-status-response.js';
import type { VodacomResponseBody } from './read-response.js';
import { VODACOM_MZ_CAPABILITIES } from './vodacom-mz-capabilities.js';

const provider = { id: 'vodacom-mz', capabilities: VODACOM_MZ_CAPABILITIES } as ReversalProvider;
const response = (status: number, body: VodacomResponseBody) => ({ kind: 'response' as const, status, headers: {}, body, text: '' });

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
) as fc.Arbitrary<VodacomResponseBody>;
const httpStatus = fc.integer({ min: 100, max: 599 });

describe('reading any Vodacom response', () => {
  it('always gives a well-formed result, never succeeded unless INS-0 came with a 2xx status', () => {
    fc.assert(
      fc.property(httpStatus, body, (status, payload) => {
        const result = mapReversalResponse(response(status, payload), {
          provider: 'vodacom-mz',
          reference: 'PROP1',
          originalTransactionId: 'ABCDEF1234',
        });
        assertReversalResult(result, provider);
        if (result.status === 'succeeded') {
          expect(String(payload?.output_ResponseCode).trim()).toBe('INS-0');
          expect(status >= 200 && status < 300).toBe(true);
        }
        expect(result.status).not.toBe('pending');
      }),
      { numRuns: 2_000 },
    );
  });

  it('always gives a well-formed status result, never failed unless Vodacom named a final status', () => {
    fc.assert(
      fc.property(httpStatus, body, (status, payload) => {
        const result = mapStatusResponse(response(status, payload), { reference: 'PROP1', originalTransactionId: 'ABCDEF1234' }, 'vodacom-mz');
        assertReversalResult(result, provider);
        if (result.status === 'failed') {
          expect(['cancelled', 'expired', 'failed', 'rejected']).toContain(
            String(payload?.output_ResponseTransactionStatus).trim().toLowerCase(),
          );
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
