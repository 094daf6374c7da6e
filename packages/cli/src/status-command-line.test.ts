import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { statusCommandLine } from './status-command-line.js';
import { statusQueryOf } from './status-query-of.js';

describe('statusCommandLine', () => {
  it('prints the options in a fixed order and leaves out what is missing', () => {
    expect(statusCommandLine({ reference: 'R1', originalTransactionId: 'T1', reversalTransactionId: 'X1' })).toBe(
      'reversal status --transaction-id T1 --reference R1 --reversal-transaction-id X1',
    );
  });

  it('quotes a value a shell would split or expand, and never prints a control character', () => {
    expect(statusCommandLine({ originalTransactionId: "A B'$(x)" })).toBe(`reversal status --transaction-id 'A B'\\''$(x)'`);
    fc.assert(
      fc.property(fc.string(), fc.string(), (transactionId, dotenv) => {
        const line = statusCommandLine({ originalTransactionId: transactionId, reference: 'R1' }, { dotenv });
        expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
        if (/^[\w.:/-]+$/.test(transactionId)) expect(line).toContain(` --transaction-id ${transactionId} `);
      }),
    );
  });
});

describe('statusQueryOf', () => {
  const result = { originalTransactionId: 'T1', reference: 'R1', providerRequestId: 'P1', conversationId: 'C1', reversalTransactionId: 'X1', status: 'unknown' };

  it('takes every id of a result', () => {
    expect(statusQueryOf({ ...result, error: { code: 'TIMEOUT' } })).toEqual({
      originalTransactionId: 'T1',
      reference: 'R1',
      providerRequestId: 'P1',
      conversationId: 'C1',
      reversalTransactionId: 'X1',
    });
  });

  it("leaves out a refused duplicate's conversation id, and all of an already-reversed answer's own ids", () => {
    expect(statusQueryOf({ ...result, error: { code: 'DUPLICATE_REQUEST' } })).toEqual({ originalTransactionId: 'T1', reference: 'R1', providerRequestId: 'P1' });
    expect(statusQueryOf({ ...result, error: { code: 'ALREADY_REVERSED' } })).toEqual({ originalTransactionId: 'T1', reference: 'R1' });
  });

  it('ignores what is not a non-empty string, whatever the JSON held', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        for (const field of Object.values(statusQueryOf(value))) expect(typeof field === 'string' && field !== '').toBe(true);
      }),
    );
    expect(statusQueryOf({ reference: 7, conversationId: '', error: { code: 'toString' } })).toEqual({});
  });
});
