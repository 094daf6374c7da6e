import { describe, expect, it } from 'vitest';
import { GENERATED_REFERENCE_LENGTH, generateReference, isValidReference } from './reference.js';

describe('generateReference', () => {
  it('gives 20 upper-case letters and digits that every provider accepts', () => {
    expect(GENERATED_REFERENCE_LENGTH).toBe(20);
    for (let i = 0; i < 200; i++) {
      const reference = generateReference();
      expect(reference).toMatch(/^[0-9A-Z]{20}$/);
      expect(isValidReference(reference)).toBe(true);
    }
  });

  it('does not repeat and uses the whole alphabet', () => {
    const references = Array.from({ length: 2_000 }, generateReference);
    expect(new Set(references).size).toBe(references.length);
    // 40 000 characters: the chance that one of 36 never appears is below 1e-480.
    expect(new Set(references.join('')).size).toBe(36);
  });
});

describe('isValidReference', () => {
  it.each(['A', 'ORDER1234', 'abcDEF123', 'A'.repeat(20)])('accepts %s', (reference) => {
    expect(isValidReference(reference)).toBe(true);
  });

  it.each(['', 'A'.repeat(21), 'ORDER 1', 'ORDER-1', 'ORDER_1', 'ÉTÉ', 'ORDER1\n', 42, null, undefined, ['A']])(
    'rejects %o',
    (reference) => {
      expect(isValidReference(reference)).toBe(false);
    },
  );
});
