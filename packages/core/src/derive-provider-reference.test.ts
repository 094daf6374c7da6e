import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveProviderReference } from './derive-provider-reference.js';
import type { ReferenceFormat } from './reference-format.js';

const UUID_V4_SHAPED = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const provider = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);
const reference = fc.oneof(fc.stringMatching(/^[A-Za-z0-9]{1,20}$/), fc.string({ minLength: 1, maxLength: 40 }));
const attempt = fc.integer({ min: 1, max: 1_000 });
const format: fc.Arbitrary<ReferenceFormat> = fc.oneof(
  fc.integer({ min: 8, max: 64 }).map((maxLength) => ({ kind: 'alphanumeric' as const, maxLength })),
  fc.constant({ kind: 'uuid' as const }),
);

/** What a derived reference of `format` must look like. */
const derivedShape = (of: ReferenceFormat) =>
  of.kind === 'uuid' ? UUID_V4_SHAPED : new RegExp(`^[0-9A-Z]{${Math.min(of.maxLength, 20)}}$`);

describe('deriveProviderReference', () => {
  it('is deterministic: the same provider, reference and attempt give the same id, in any process', () => {
    fc.assert(
      fc.property(provider, reference, attempt, format, (p, r, a, f) => {
        expect(deriveProviderReference({ provider: p, reference: r, attempt: a, format: f })).toBe(
          deriveProviderReference({ provider: p, reference: r, attempt: a, format: { ...f } }),
        );
      }),
    );
    // Pinned: a change of derivation would make a second ledger send another id for the same attempt.
    expect(deriveProviderReference({ provider: 'vodacom-mz', reference: 'REFUND2001', attempt: 2 })).toBe('056BZKH7Q0JGD3OUCIIG');
    expect(deriveProviderReference({ provider: 'mtn-momo', reference: 'REFUND2001', attempt: 1, format: { kind: 'uuid' } })).toBe(
      '71291f15-f539-4724-8b8d-c65cec995fdf',
    );
  });

  it('always fits its format: the reference itself on attempt 1 when it fits, else the derived shape', () => {
    fc.assert(
      fc.property(provider, reference, attempt, format, (p, r, a, f) => {
        const derived = deriveProviderReference({ provider: p, reference: r, attempt: a, format: f });
        const fitsAsGiven = f.kind === 'alphanumeric' && /^[A-Za-z0-9]+$/.test(r) && r.length <= f.maxLength;
        if (a === 1 && fitsAsGiven) expect(derived).toBe(r);
        else expect(derived).toMatch(derivedShape(f));
      }),
      { numRuns: 500 },
    );
  });

  it('returns the reference unchanged on attempt 1 when it fits (default format: 1–20 letters and digits)', () => {
    fc.assert(
      fc.property(provider, fc.stringMatching(/^[A-Za-z0-9]{1,20}$/), (p, r) => {
        expect(deriveProviderReference({ provider: p, reference: r, attempt: 1 })).toBe(r);
      }),
    );
    const uuid = '3f0c7a52-9d1e-4b8a-a2f4-6c1d0e9b7a35';
    expect(deriveProviderReference({ provider: 'mtn-momo', reference: uuid, attempt: 1, format: { kind: 'uuid' } })).toBe(uuid);
  });

  it('derives on attempt 1 when the reference does not fit: too long, or not a UUID', () => {
    const format = { kind: 'alphanumeric', maxLength: 8 } as const;
    const long = deriveProviderReference({ provider: 'p', reference: 'ORDER12345', attempt: 1, format });
    expect(long).toMatch(/^[0-9A-Z]{8}$/);
    expect(deriveProviderReference({ provider: 'p', reference: 'ORDER1', attempt: 1, format: { kind: 'uuid' } })).toMatch(UUID_V4_SHAPED);
  });

  it('differs across attempts, providers and references', () => {
    fc.assert(
      fc.property(provider, reference, attempt, format, (p, r, a, f) => {
        const id = deriveProviderReference({ provider: p, reference: r, attempt: a, format: f });
        expect(deriveProviderReference({ provider: p, reference: r, attempt: a + 1, format: f })).not.toBe(id);
        expect(deriveProviderReference({ provider: `${p}x`, reference: r, attempt: a + 1, format: f })).not.toBe(
          deriveProviderReference({ provider: p, reference: r, attempt: a + 1, format: f }),
        );
        expect(deriveProviderReference({ provider: p, reference: `${r}0`, attempt: a + 1, format: f })).not.toBe(
          deriveProviderReference({ provider: p, reference: r, attempt: a + 1, format: f }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('encodes its input unambiguously: moving characters between provider and reference changes the id', () => {
    const a = deriveProviderReference({ provider: 'ab', reference: 'C', attempt: 2 });
    const b = deriveProviderReference({ provider: 'a', reference: 'bC', attempt: 2 });
    expect(a).not.toBe(b);
  });

  it('gives 10 000 distinct ids for 10 000 attempts of one reference', () => {
    const derive = (attempt: number) => deriveProviderReference({ provider: 'p', reference: 'R1', attempt });
    const ids = new Set(Array.from({ length: 10_000 }, (_, index) => derive(index + 1)));
    expect(ids.size).toBe(10_000);
  });

  it.each([
    ['attempt 0', { attempt: 0 }, /attempt must be a whole number/],
    ['a fractional attempt', { attempt: 1.5 }, /attempt must be a whole number/],
    ['a NaN attempt', { attempt: Number.NaN }, /attempt must be a whole number/],
    ['an empty reference', { reference: '' }, /reference must be a non-empty string/],
    ['an empty provider', { provider: '' }, /provider id must be a non-empty string/],
    ['maxLength 7', { format: { kind: 'alphanumeric', maxLength: 7 } }, /maxLength must be a whole number of at least 8/],
    ['maxLength 8.5', { format: { kind: 'alphanumeric', maxLength: 8.5 } }, /maxLength must be a whole number of at least 8/],
    ['an unknown kind', { format: { kind: 'hex' } }, /must be \{ kind: 'alphanumeric', maxLength \} or \{ kind: 'uuid' \}/],
  ])('throws a RangeError for %s', (_, change, message) => {
    const input = { provider: 'p', reference: 'R1', attempt: 1, ...change } as Parameters<typeof deriveProviderReference>[0];
    expect(() => deriveProviderReference(input)).toThrow(RangeError);
    expect(() => deriveProviderReference(input)).toThrow(message);
  });
});
