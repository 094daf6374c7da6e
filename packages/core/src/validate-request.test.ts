import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReversalValidationError } from './errors/reversal-validation-error.js';
import { isValidReference } from './reference.js';
import type { ReferenceFormat } from './reference-format.js';
import { DEFAULT_REQUEST_RULES } from './request-rules.js';
import { type ValidateRequestOptions, validateReversalRequest } from './validate-request.js';

const partial: ValidateRequestOptions = { capabilities: { partialReversal: true } };
const fullOnly: ValidateRequestOptions = { capabilities: { partialReversal: false } };
const valid = { transactionId: 'PDU91HIVIT', amount: '200.00', reference: 'ORDER1', reason: 'Paid twice' };

/** The fields named by the error `validateReversalRequest` throws for `input`. */
function issueFields(input: unknown, options = partial): string[] {
  try {
    validateReversalRequest(input, options);
  } catch (error) {
    if (ReversalValidationError.isInstance(error)) return error.issues.map((issue) => issue.field);
    throw error;
  }
  throw new Error('expected a ReversalValidationError');
}

describe('validateReversalRequest: valid requests', () => {
  it('keeps what was given, with the amount canonical', () => {
    expect(validateReversalRequest({ ...valid, amount: 200 }, fullOnly)).toEqual({ ...valid, amount: '200.00' });
  });

  it('generates a reference of 20 letters and digits when absent, a new one each time', () => {
    const first = validateReversalRequest({ transactionId: 'PDU91HIVIT' }, partial);
    const second = validateReversalRequest({ transactionId: 'PDU91HIVIT' }, partial);
    expect(first.reference).toMatch(/^[0-9A-Z]{20}$/);
    expect(second.reference).not.toBe(first.reference);
    expect(first).toEqual({ transactionId: 'PDU91HIVIT', reference: first.reference });
    expect('amount' in first).toBe(false);
  });

  it('accepts transaction ids of both providers', () => {
    for (const transactionId of ['PDU91HIVIT', '5C1400CVRO', 'abc.def_ghi-1', 'A'.repeat(64)]) {
      expect(validateReversalRequest({ transactionId }, partial).transactionId).toBe(transactionId);
    }
  });
});

describe('validateReversalRequest: every field error is named', () => {
  it.each([
    ['transactionId missing', { amount: '1.00' }, 'transactionId'],
    ['transactionId empty', { ...valid, transactionId: '' }, 'transactionId'],
    ['transactionId too long', { ...valid, transactionId: 'A'.repeat(65) }, 'transactionId'],
    ['transactionId with a space', { ...valid, transactionId: 'PDU 91' }, 'transactionId'],
    ['transactionId a number', { ...valid, transactionId: 12345 }, 'transactionId'],
    ['amount negative', { ...valid, amount: -5 }, 'amount'],
    ['amount zero', { ...valid, amount: '0.00' }, 'amount'],
    ['amount with three decimals', { ...valid, amount: '1.005' }, 'amount'],
    ['amount 0.1 + 0.2', { ...valid, amount: 0.1 + 0.2 }, 'amount'],
    ['amount not a number', { ...valid, amount: 'ten' }, 'amount'],
    ['amount an object', { ...valid, amount: { value: '1.00' } }, 'amount'],
    ['amount null', { ...valid, amount: null }, 'amount'],
    ['reference empty', { ...valid, reference: '' }, 'reference'],
    ['reference of 21 characters', { ...valid, reference: 'A'.repeat(21) }, 'reference'],
    ['reference with a dash', { ...valid, reference: 'ORDER-1' }, 'reference'],
    ['reference a number', { ...valid, reference: 1234 }, 'reference'],
    ['reason empty', { ...valid, reason: '' }, 'reason'],
    ['reason blank', { ...valid, reason: '   ' }, 'reason'],
    ['reason of 101 characters', { ...valid, reason: 'x'.repeat(101) }, 'reason'],
    ['reason with a line break', { ...valid, reason: 'paid\ntwice' }, 'reason'],
    ['reason a number', { ...valid, reason: 5 }, 'reason'],
    ['an unknown field', { ...valid, amuont: '5.00' }, 'amuont'],
    ['an empty field name', { ...valid, '': 1 }, '""'],
    ['a request that is null', null, 'request'],
    ['a request that is a string', 'PDU91HIVIT', 'request'],
    ['a request that is an array', [valid], 'request'],
    ['no request at all', undefined, 'request'],
  ])('%s → %s', (_, input, field) => {
    expect(issueFields(input)).toEqual([field]);
  });

  it('requires the amount from a provider without partial reversals', () => {
    expect(issueFields({ transactionId: 'PDU91HIVIT' }, fullOnly)).toEqual(['amount']);
    expect(() => validateReversalRequest({ transactionId: 'PDU91HIVIT' }, fullOnly)).toThrow(/cannot reverse part of a payment/);
  });

  it('lists several errors together, each with what to do, and says how to go on', () => {
    const error = (() => {
      try {
        validateReversalRequest({ transactionId: '', amount: '1.005', reference: 'bad ref', reason: '', extra: 1 }, fullOnly);
      } catch (caught) {
        return caught as ReversalValidationError;
      }
    })();
    expect(error?.issues.map((issue) => issue.field)).toEqual(['extra', 'transactionId', 'amount', 'reference', 'reason']);
    for (const issue of error?.issues ?? []) expect(error?.message).toContain(`${issue.field}: ${issue.message}`);
    expect(error?.message).toMatch(/^Invalid reversal request, nothing was sent\..*Fix these fields and call again\.$/);
  });

  it('never echoes a value into the error', () => {
    const error = (() => {
      try {
        validateReversalRequest({ transactionId: 'SECRET VALUE 1', amount: 'SECRET2', reference: 'SECRET 3', reason: 'SECRET\n4' }, partial);
      } catch (caught) {
        return caught as ReversalValidationError;
      }
    })();
    expect(error?.issues).toHaveLength(4);
    expect(JSON.stringify({ message: error?.message, issues: error?.issues })).not.toMatch(/SECRET/);
  });

  it("applies the provider's rules: receipt format, whole units, reason length", () => {
    const options: ValidateRequestOptions = {
      capabilities: { partialReversal: false },
      rules: {
        transactionId: { pattern: /^[A-Z0-9]{10}$/, description: '10 upper-case letters and digits' },
        amountDecimals: 0,
        reason: { minLength: 2, maxLength: 100 },
      },
    };
    expect(issueFields({ transactionId: 'pdu91hivit', amount: 200 }, options)).toEqual(['transactionId']);
    expect(issueFields({ transactionId: 'PDU91HIVIT', amount: '200.50' }, options)).toEqual(['amount']);
    expect(issueFields({ transactionId: 'PDU91HIVIT', amount: 200, reason: 'x' }, options)).toEqual(['reason']);
    expect(validateReversalRequest({ transactionId: 'PDU91HIVIT', amount: '200.00' }, options).amount).toBe('200.00');
  });

  it('says a receipt has spaces around it rather than that it is missing', () => {
    const error = (() => {
      try {
        validateReversalRequest({ transactionId: ' PDU91HIVIT ', amount: 1 }, { capabilities: { partialReversal: true } });
      } catch (caught) {
        return caught as ReversalValidationError;
      }
    })();
    expect(error?.issues).toEqual([{ field: 'transactionId', message: expect.stringMatching(/spaces around it/) }]);
  });

  it('refuses an amount key that is present but undefined (it must not become a full reversal)', () => {
    expect(issueFields({ transactionId: 'A1', amount: undefined }, { capabilities: { partialReversal: true } })).toEqual(['amount']);
    expect(validateReversalRequest({ transactionId: 'A1' }, { capabilities: { partialReversal: true } }).amount).toBeUndefined();
  });

  it('says the decimal separator is a point', () => {
    expect(() => validateReversalRequest({ transactionId: 'A1', amount: '10,50' }, { capabilities: { partialReversal: true } })).toThrow(
      /decimal separator is a point \("10\.50"\)/,
    );
  });
});

describe("validateReversalRequest: the provider's reference format", () => {
  const withFormat = (reference: ReferenceFormat): ValidateRequestOptions => ({
    capabilities: { partialReversal: true },
    rules: { ...DEFAULT_REQUEST_RULES, reference },
  });
  const uuid = withFormat({ kind: 'uuid' });
  const short = withFormat({ kind: 'alphanumeric', maxLength: 12 });
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

  it('takes 1–maxLength letters and digits, refuses anything else, naming the format', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (reference) => {
        const fits = /^[A-Za-z0-9]{1,12}$/.test(reference);
        if (fits) expect(validateReversalRequest({ transactionId: 'A1', reference }, short).reference).toBe(reference);
        else expect(issueFields({ transactionId: 'A1', reference }, short)).toEqual(['reference']);
      }),
    );
    expect(() => validateReversalRequest({ transactionId: 'A1', reference: 'A'.repeat(13) }, short)).toThrow(
      /reference: must be 1–12 letters and digits \(no spaces or symbols\), as this provider takes/,
    );
  });

  it('takes a UUID, refuses anything else, naming the format', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uuid(), fc.stringMatching(/^[A-Za-z0-9]{1,20}$/), fc.string()), (reference) => {
        if (UUID.test(reference)) expect(validateReversalRequest({ transactionId: 'A1', reference }, uuid).reference).toBe(reference);
        else expect(issueFields({ transactionId: 'A1', reference }, uuid)).toEqual(['reference']);
      }),
    );
    expect(() => validateReversalRequest({ transactionId: 'A1', reference: 'ORDER1' }, uuid)).toThrow(/reference: must be a UUID such as/);
  });

  it('generates a reference that fits the format: a UUID, or at most maxLength letters and digits', () => {
    expect(validateReversalRequest({ transactionId: 'A1' }, uuid).reference).toMatch(UUID);
    expect(validateReversalRequest({ transactionId: 'A1' }, short).reference).toMatch(/^[0-9A-Z]{12}$/);
    expect(validateReversalRequest({ transactionId: 'A1' }, withFormat({ kind: 'alphanumeric', maxLength: 40 })).reference).toMatch(
      /^[0-9A-Z]{20}$/,
    );
  });

  it('uses 1–20 letters and digits when the rules declare no format', () => {
    const { reference: _, ...undeclared } = DEFAULT_REQUEST_RULES;
    const options: ValidateRequestOptions = { capabilities: { partialReversal: true }, rules: undeclared };
    expect(issueFields({ transactionId: 'A1', reference: 'A'.repeat(21) }, options)).toEqual(['reference']);
    expect(validateReversalRequest({ transactionId: 'A1', reference: 'A'.repeat(20) }, options).reference).toBe('A'.repeat(20));
  });
});

describe('validateReversalRequest: any input gives a valid request or a ReversalValidationError', () => {
  const field = <T>(typical: fc.Arbitrary<T>) => fc.oneof(typical, fc.anything());
  const requestLike = fc.record(
    {
      transactionId: field(fc.oneof(fc.stringMatching(/^[A-Z0-9]{10}$/), fc.string({ maxLength: 70 }))),
      amount: field(fc.oneof(fc.double(), fc.integer(), fc.stringMatching(/^-?\d{1,14}(\.\d{0,3})?$/), fc.string())),
      reference: field(fc.oneof(fc.stringMatching(/^[A-Za-z0-9]{1,22}$/), fc.string())),
      reason: field(fc.string({ maxLength: 120 })),
    },
    { requiredKeys: [] },
  );
  const withExtraFields = fc
    .tuple(requestLike, fc.dictionary(fc.string(), fc.anything(), { maxKeys: 3 }))
    .map(([request, extra]) => ({ ...extra, ...request }));

  const check = (input: unknown, options: ValidateRequestOptions) => {
    try {
      const request = validateReversalRequest(input, options);
      expect(request.transactionId).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
      expect(isValidReference(request.reference)).toBe(true);
      if (request.amount !== undefined) expect(request.amount).toMatch(/^(0|[1-9]\d*)\.\d{2}$/);
      else expect(options.capabilities.partialReversal).toBe(true);
      if (request.reason !== undefined) expect(request.reason.length).toBeLessThanOrEqual(100);
    } catch (error) {
      if (!ReversalValidationError.isInstance(error)) throw error;
      expect(error.issues.length).toBeGreaterThan(0);
      for (const issue of error.issues) {
        expect(issue.field.length).toBeGreaterThan(0);
        expect(issue.message.length).toBeGreaterThan(0);
      }
    }
  };

  for (const options of [partial, fullOnly]) {
    const label = options.capabilities.partialReversal ? 'with' : 'without';
    it(`fc.anything() ${label} partial reversals`, () => {
      fc.assert(fc.property(fc.anything({ withNullPrototype: true, withBigInt: true }), (input) => check(input, options)));
    });
    it(`request-shaped objects ${label} partial reversals`, () => {
      fc.assert(fc.property(fc.oneof(requestLike, withExtraFields), (input) => check(input, options)), { numRuns: 500 });
    });
  }
});
