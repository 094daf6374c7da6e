import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const REFERENCE_PATTERN = /^[A-Za-z0-9]{1,20}$/;

/** The length of a generated reference: 20 characters of `[0-9A-Z]`, about 103 random bits. */
export const GENERATED_REFERENCE_LENGTH = 20;

/**
 * Generates a reference that every provider can carry: 20 upper-case letters and digits from a
 * cryptographic random source.
 */
export function generateReference(): string {
  let reference = '';
  while (reference.length < GENERATED_REFERENCE_LENGTH) {
    for (const byte of randomBytes(32)) {
      // 252 = 7 × 36: dropping bytes above it keeps every character equally likely.
      if (byte < 252 && reference.length < GENERATED_REFERENCE_LENGTH) reference += ALPHABET[byte % 36];
    }
  }
  return reference;
}

/** True for a reference every provider can carry: 1–20 letters and digits. */
export function isValidReference(value: unknown): value is string {
  return typeof value === 'string' && REFERENCE_PATTERN.test(value);
}
