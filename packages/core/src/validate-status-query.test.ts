import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReversalValidationError } from './errors/reversal-validation-error.js';
import { validateStatusQuery } from './validate-status-query.js';

const query = { reference: 'ORDER1', originalTransactionId: 'PDU91HIVIT' };

describe('validateStatusQuery', () => {
  it('accepts a previous result as it is, its status included', () => {
    for (const status of ['pending', 'succeeded', 'failed', 'unknown']) {
      expect(() => validateStatusQuery({ ...query, status, providerRequestId: 'f1e2-4b95-a71d' })).not.toThrow();
    }
    expect(() => validateStatusQuery(query)).not.toThrow();
  });

  it('names status when it is not one of the four statuses', () => {
    expect(() => validateStatusQuery({ ...query, status: 'done' })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ field: 'status' })] }),
    );
  });

  it('any input is accepted or refused with a ReversalValidationError, never anything else', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        try {
          validateStatusQuery(input);
        } catch (error) {
          expect(ReversalValidationError.isInstance(error)).toBe(true);
        }
      }),
    );
  });
});
