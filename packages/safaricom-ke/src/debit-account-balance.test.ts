import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDebitAccountBalance } from './debit-account-balance.js';

describe('parseDebitAccountBalance', () => {
  it('parses the documentation example', () => {
    expect(parseDebitAccountBalance('Utility Account|KES|7722179.62|7722179.62|0.00|0.00')).toEqual([
      { account: 'Utility Account', currency: 'KES', amounts: ['7722179.62', '7722179.62', '0.00', '0.00'] },
    ]);
  });

  it('parses several accounts joined by &, negative balances included', () => {
    expect(parseDebitAccountBalance('Working Account|KES|100.5|100.50|0|0&Charges Paid Account|KES|-12.00|-12.00|0.00|0.00')).toEqual([
      { account: 'Working Account', currency: 'KES', amounts: ['100.50', '100.50', '0.00', '0.00'] },
      { account: 'Charges Paid Account', currency: 'KES', amounts: ['-12.00', '-12.00', '0.00', '0.00'] },
    ]);
  });

  it('gives undefined when nothing can be read', () => {
    for (const value of ['', 'Utility Account', 'Utility Account|kes|1', 'A|KES|1e5', 12, null]) {
      expect(parseDebitAccountBalance(value)).toBeUndefined();
    }
  });

  it('gives accounts with exact amounts, or undefined, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(fc.oneof(fc.string(), fc.constantFrom('|', '&', 'KES', '1.00', '-3'))).map((parts) => parts.join(''))), (text) => {
        const accounts = parseDebitAccountBalance(text);
        for (const account of accounts ?? []) {
          for (const amount of account.amounts) expect(amount).toMatch(/^-?\d+\.\d{2}$/);
        }
      }),
    );
  });
});
