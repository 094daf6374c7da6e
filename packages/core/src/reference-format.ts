import { randomUUID } from 'node:crypto';
import { generateReference } from './reference.js';

/**
 * The format a provider accepts for the reference it is sent (`RequestRules.reference`): what
 * `validateReversalRequest` checks a request's `reference` against, and the shape
 * {@link deriveProviderReference} gives a derived one.
 *
 * - `alphanumeric` – 1 to `maxLength` letters and digits (Vodacom's `input_ThirdPartyReference`:
 *   `maxLength: 20`). `maxLength` is a whole number of at least 8.
 * - `uuid` – a UUID, `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` in hexadecimal (MTN MoMo's `X-Reference-Id`).
 */
export type ReferenceFormat =
  | { readonly kind: 'alphanumeric'; readonly maxLength: number }
  | { readonly kind: 'uuid' };

/** The format of a provider that declares none: 1–20 letters and digits, what every provider can carry. */
export const DEFAULT_REFERENCE_FORMAT: ReferenceFormat = Object.freeze({ kind: 'alphanumeric', maxLength: 20 });

/** The shortest `maxLength` a format may have: a derived reference of fewer characters would collide too easily. */
export const MIN_REFERENCE_LENGTH = 8;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ALPHANUMERIC_PATTERN = /^[A-Za-z0-9]+$/;

/** True when `value` is a reference of `format`. */
export function fitsReferenceFormat(value: unknown, format: ReferenceFormat): value is string {
  if (typeof value !== 'string') return false;
  if (format.kind === 'uuid') return UUID_PATTERN.test(value);
  return value.length >= 1 && value.length <= format.maxLength && ALPHANUMERIC_PATTERN.test(value);
}

/** The format in words, for messages: `1–20 letters and digits`, `a UUID such as "…"`. */
export function describeReferenceFormat(format: ReferenceFormat): string {
  return format.kind === 'uuid'
    ? 'a UUID such as "3f0c7a52-9d1e-4b8a-a2f4-6c1d0e9b7a35"'
    : `1–${format.maxLength} letters and digits (no spaces or symbols)`;
}

/**
 * Throws a `RangeError` for a format this library cannot honour: an unknown kind, or a `maxLength`
 * that is not a whole number of at least {@link MIN_REFERENCE_LENGTH}. `where` names its owner.
 */
export function assertReferenceFormat(format: ReferenceFormat, where: string): void {
  const kind = (format as { kind?: unknown } | undefined)?.kind;
  if (kind === 'uuid') return;
  if (kind !== 'alphanumeric') {
    throw new RangeError(`${where}: the reference format must be { kind: 'alphanumeric', maxLength } or { kind: 'uuid' }.`);
  }
  const { maxLength } = format as { maxLength: unknown };
  if (typeof maxLength !== 'number' || !Number.isInteger(maxLength) || maxLength < MIN_REFERENCE_LENGTH) {
    throw new RangeError(
      `${where}: the reference format's maxLength must be a whole number of at least ${MIN_REFERENCE_LENGTH}, not ${String(maxLength)}.`,
    );
  }
}

/** A random reference of `format`: a UUID, or 20 (at most `maxLength`) upper-case letters and digits. */
export function generateReferenceFor(format: ReferenceFormat): string {
  if (format.kind === 'uuid') return randomUUID();
  const reference = generateReference();
  // Every character is drawn alike, so a prefix is as random per character as the whole.
  return format.maxLength < reference.length ? reference.slice(0, format.maxLength) : reference;
}
