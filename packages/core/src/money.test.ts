import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromMinorUnits, parseAmount, toMinorUnits, toMoney } from './money.js';

describe('parseAmount', () => {
  it.each([
    [200, '200.00'],
    ['200', '200.00'],
    ['200.5', '200.50'],
    [200.5, '200.50'],
    ['0.07', '0.07'],
    [0.01, '0.01'],
    ['007.10', '7.10'],
    [1.1, '1.10'],
    ['9999999999999.99', '9999999999999.99'],
  ])('reads %j as %s', (input, expected) => {
    expect(parseAmount(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [0, 'greater than zero'],
    ['0.00', 'greater than zero'],
    ['00', 'greater than zero'],
    [-1, 'positive amount'],
    ['-1.00', 'positive amount'],
    ['1.005', 'at most two decimals'],
    [0.1 + 0.2, 'at most two decimals'],
    ['1e3', 'positive amount'],
    [1e21, 'positive amount'],
    [1e-7, 'positive amount'],
    ['1,000.00', 'positive amount'],
    [' 1.00', 'positive amount'],
    ['1.00 ', 'positive amount'],
    ['', 'positive amount'],
    ['.5', 'positive amount'],
    ['5.', 'positive amount'],
    ['+5', 'positive amount'],
    ['0x10', 'positive amount'],
    ['12345678901234', 'positive amount'],
    [Number.NaN, 'finite number'],
    [Number.POSITIVE_INFINITY, 'finite number'],
    [null, 'number or a decimal string'],
    [undefined, 'number or a decimal string'],
    [{}, 'number or a decimal string'],
    [[5], 'number or a decimal string'],
    [5n, 'number or a decimal string'],
    [true, 'number or a decimal string'],
  ])('rejects %o (%s)', (input, reason) => {
    const parsed = parseAmount(input);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toContain(reason);
  });

  it('accepts zero only with allowZero', () => {
    expect(parseAmount(0, { allowZero: true })).toEqual({ ok: true, value: '0.00' });
    expect(parseAmount('0', { allowZero: true })).toEqual({ ok: true, value: '0.00' });
  });

  it('reads every amount of cents written as a number exactly, without float drift', () => {
    // Up to 15 significant digits a double prints back as the decimal it was written from.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_999_999_999 }), (cents) => {
        expect(parseAmount(cents / 100)).toEqual({ ok: true, value: fromMinorUnits(BigInt(cents)) });
      }),
    );
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.double(), fc.string(), fc.stringMatching(/^-?\d{0,16}(\.\d{0,4})?$/)), (input) => {
        const parsed = parseAmount(input);
        if (parsed.ok) expect(parsed.value).toMatch(/^(0|[1-9]\d{0,12})\.\d{2}$/);
        else expect(parsed.reason.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('toMinorUnits and fromMinorUnits', () => {
  it.each([
    ['123.45', 12345n],
    ['0.00', 0n],
    ['0.05', 5n],
    ['200', 20000n],
    ['9999999999999.99', 999999999999999n],
  ])('%s is %d minor units', (value, minor) => {
    expect(toMinorUnits(value)).toBe(minor);
  });

  it.each([
    [12345n, '123.45'],
    [5n, '0.05'],
    [0n, '0.00'],
    [100n, '1.00'],
    [-5n, '-0.05'],
    [-12345n, '-123.45'],
  ])('%d minor units is %s', (minor, value) => {
    expect(fromMinorUnits(minor)).toBe(value);
  });

  it('rejects what is not an amount with a RangeError', () => {
    expect(() => toMinorUnits('1.005')).toThrow(RangeError);
    expect(() => toMinorUnits('-1.00')).toThrow(RangeError);
    expect(() => toMinorUnits('abc')).toThrow(/Not an amount/);
  });

  it('adds exactly: 0.10 + 0.20 is 0.30', () => {
    expect(fromMinorUnits(toMinorUnits('0.10') + toMinorUnits('0.20'))).toBe('0.30');
  });

  it('round-trips every amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 999_999_999_999_999n }), (minor) => {
        expect(toMinorUnits(fromMinorUnits(minor))).toBe(minor);
        expect(parseAmount(fromMinorUnits(minor), { allowZero: true })).toEqual({ ok: true, value: fromMinorUnits(minor) });
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{0,12}(\.\d{1,2})?$/), (text) => {
        const canonical = fromMinorUnits(toMinorUnits(text));
        expect(Number(canonical)).toBe(Number(text));
        expect(parseAmount(text)).toEqual({ ok: true, value: canonical });
      }),
    );
  });
});

describe('toMoney', () => {
  it('builds a Money, zero included, or undefined', () => {
    expect(toMoney('200', 'KES')).toEqual({ value: '200.00', currency: 'KES' });
    expect(toMoney(0, 'MZN')).toEqual({ value: '0.00', currency: 'MZN' });
    expect(toMoney('1.005', 'KES')).toBeUndefined();
    expect(toMoney(undefined, 'KES')).toBeUndefined();
  });
});
