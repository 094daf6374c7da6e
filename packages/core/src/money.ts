/**
 * An exact amount of money as it leaves the library: a decimal string in major units with exactly
 * two decimals, and an ISO 4217 currency code.
 *
 * @example { value: '200.00', currency: 'KES' }
 */
export interface Money {
  /** Major units, exactly two decimals, no sign, no exponent: `"200.00"`, `"0.50"`. */
  readonly value: string;
  /** ISO 4217 code, upper case: `"KES"`, `"MZN"`. */
  readonly currency: string;
}

/** What {@link parseAmount} returns: the canonical two-decimal string, or why the input is not one. */
export type ParsedAmount = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: string };

// 13 integer digits plus 2 decimals stay below 2^53 minor units, so every amount also fits a number.
const AMOUNT_PATTERN = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/**
 * Reads an amount in major units, given as a number or a decimal string, without floating-point
 * arithmetic: the digits are taken as written (`200`, `"200.5"`, `"0.07"`).
 *
 * Rejects anything that is not a positive amount with at most two decimals: negative or zero
 * amounts, exponents, more than two decimals (`0.1 + 0.2` arrives as `0.30000000000000004`),
 * thousands separators and surrounding spaces. Zero is accepted only with `allowZero` (a charge
 * or a balance may be zero; an amount to reverse may not).
 */
export function parseAmount(input: unknown, options: { readonly allowZero?: boolean } = {}): ParsedAmount {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, reason: 'must be a finite number' };
    text = String(input);
  } else if (typeof input === 'string') {
    text = input;
  } else {
    return { ok: false, reason: 'must be a number or a decimal string such as "200.00"' };
  }
  const match = AMOUNT_PATTERN.exec(text);
  if (!match) {
    if (/^\d{1,13},\d{1,2}$/.test(text)) {
      return { ok: false, reason: `uses a comma: the decimal separator is a point ("${text.replace(',', '.')}")` };
    }
    return {
      ok: false,
      reason: 'must be a positive amount in major units with at most two decimals, such as 200 or "200.50"',
    };
  }
  const digits = match[1]!;
  // Leading zeros are rare: the replace only runs when there is one to drop.
  const integer = digits.length > 1 && digits.startsWith('0') ? digits.replace(/^0+(?=\d)/, '') : digits;
  const decimals = match[2];
  const fraction = decimals === undefined ? '00' : decimals.length === 2 ? decimals : `${decimals}0`;
  if (!options.allowZero && integer === '0' && fraction === '00') return { ok: false, reason: 'must be greater than zero' };
  return { ok: true, value: `${integer}.${fraction}` };
}

/** The amount in minor units (cents) as a bigint, for exact sums and comparisons. */
export function toMinorUnits(value: string): bigint {
  const parsed = parseAmount(value, { allowZero: true });
  if (!parsed.ok) throw new RangeError(`Not an amount: ${JSON.stringify(value)} ${parsed.reason}`);
  const [integer, fraction] = parsed.value.split('.') as [string, string];
  return BigInt(integer) * 100n + BigInt(fraction);
}

/** The canonical two-decimal string for an amount in minor units (`12345n` → `"123.45"`). */
export function fromMinorUnits(minor: bigint): string {
  const sign = minor < 0n ? '-' : '';
  const absolute = minor < 0n ? -minor : minor;
  const fraction = (absolute % 100n).toString().padStart(2, '0');
  return `${sign}${absolute / 100n}.${fraction}`;
}

/**
 * Builds a {@link Money} from a non-negative amount in any accepted form (zero included, for
 * charges), or `undefined` when it is not one.
 */
export function toMoney(amount: unknown, currency: string): Money | undefined {
  const parsed = parseAmount(amount, { allowZero: true });
  return parsed.ok ? { value: parsed.value, currency } : undefined;
}
