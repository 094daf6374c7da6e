import { createHash } from 'node:crypto';
import { assertReferenceFormat, DEFAULT_REFERENCE_FORMAT, fitsReferenceFormat, type ReferenceFormat } from './reference-format.js';

/** The longest derived alphanumeric reference: 20 base-36 characters carry about 103 bits of the hash. */
const DERIVED_ALPHANUMERIC_LENGTH = 20;
// Versioned, so that a change of derivation can never silently give another reference for the same input.
const DOMAIN = 'reversal/provider-reference/v1';

/** What {@link deriveProviderReference} derives from. */
export interface ProviderReferenceInput {
  /** The provider id (`"vodacom-mz"`): the same reference sent to two providers gives two ids. */
  readonly provider: string;
  /** Your reference for the reversal (the ledger's entry reference), not empty. */
  readonly reference: string;
  /** The attempt number, 1 for the first request to the provider, 2 for the next, … */
  readonly attempt: number;
  /** The provider's format (`provider.requestRules?.reference`); 1–20 letters and digits by default. */
  readonly format?: ReferenceFormat;
}

/**
 * The reference the provider is sent for one attempt of a reversal: a pure function of
 * (provider, your reference, attempt number), so that two ledgers, two processes, or a ledger and
 * a plain script sending the same reference send the provider the same id, and meet the
 * provider's own duplicate check (Vodacom answers `INS-10` to a repeated `input_ThirdPartyReference`).
 *
 * Attempt 1 is your reference itself when it fits the format. Otherwise, and for every later
 * attempt, it is the SHA-256 of an unambiguous encoding of the three, shaped to the format:
 * `alphanumeric` – upper-case letters and digits (base 36), `min(maxLength, 20)` of them; `uuid` –
 * the RFC 9562 layout with the version-4 and variant bits set, lower case: v4-shaped, deterministic
 * (not random, so not a "real" v4 UUID, which providers cannot tell apart).
 *
 * Throws a `RangeError` for an attempt that is not a whole number ≥ 1, an empty reference or
 * provider id, or a format whose `maxLength` is below 8.
 *
 * @example
 * deriveProviderReference({ provider: 'vodacom-mz', reference: 'REFUND2001', attempt: 1 }); // 'REFUND2001'
 * deriveProviderReference({ provider: 'vodacom-mz', reference: 'REFUND2001', attempt: 2 }); // 20 characters of [0-9A-Z]
 */
export function deriveProviderReference(input: ProviderReferenceInput): string {
  const { provider, reference, attempt } = input;
  const format = input.format ?? DEFAULT_REFERENCE_FORMAT;
  if (typeof reference !== 'string' || reference === '') {
    throw new RangeError('deriveProviderReference: the reference must be a non-empty string.');
  }
  if (typeof provider !== 'string' || provider === '') {
    throw new RangeError('deriveProviderReference: the provider id must be a non-empty string.');
  }
  if (typeof attempt !== 'number' || !Number.isSafeInteger(attempt) || attempt < 1) {
    throw new RangeError(`deriveProviderReference: the attempt must be a whole number from 1, not ${String(attempt)}.`);
  }
  assertReferenceFormat(format, 'deriveProviderReference');
  if (attempt === 1 && fitsReferenceFormat(reference, format)) return reference;

  // JSON of an array of strings and a number is unambiguous: no two inputs encode alike.
  const digest = createHash('sha256').update(JSON.stringify([DOMAIN, provider, reference, attempt])).digest();
  return format.kind === 'uuid' ? toUuid(digest) : toBase36(digest, Math.min(format.maxLength, DERIVED_ALPHANUMERIC_LENGTH));
}

/** The last `length` base-36 digits of the digest: the low digits of a uniform 256-bit number are uniform too. */
function toBase36(digest: Buffer, length: number): string {
  return BigInt(`0x${digest.toString('hex')}`).toString(36).toUpperCase().padStart(length, '0').slice(-length);
}

/** The first 16 bytes of the digest in the RFC 9562 layout, version 4 and variant `10xx` set. */
function toUuid(digest: Buffer): string {
  const bytes = Buffer.from(digest.subarray(0, 16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
