import { parseAmount } from '@reversal/core';

/** One account of a parsed `DebitAccountBalance`. */
export interface AccountBalance {
  /** The account's name, e.g. `"Utility Account"`. */
  readonly account: string;
  /** ISO 4217 code, e.g. `"KES"`. */
  readonly currency: string;
  /**
   * The amounts that follow the currency, in order, as exact two-decimal strings (a leading `-`
   * where the account is negative, as a Charges Paid account can be). Daraja does not document
   * what each position means; in its examples the first is the balance
   * (`"Utility Account|KES|7722179.62|7722179.62|0.00|0.00"` → `["7722179.62", "7722179.62", "0.00", "0.00"]`).
   */
  readonly amounts: readonly string[];
}

const CURRENCY = /^[A-Z]{3}$/;

const signedAmount = (text: string): string | undefined => {
  const negative = text.startsWith('-');
  const parsed = parseAmount(negative ? text.slice(1) : text, { allowZero: true });
  if (!parsed.ok) return undefined;
  return negative && parsed.value !== '0.00' ? `-${parsed.value}` : parsed.value;
};

/**
 * Parses Daraja's pipe-delimited `DebitAccountBalance` (`Account name|Currency|amounts…`, several
 * accounts joined by `&`), or returns `undefined` when no account in it can be read.
 */
export function parseDebitAccountBalance(value: unknown): AccountBalance[] | undefined {
  if (typeof value !== 'string' || value.length > 4096) return undefined;
  const accounts: AccountBalance[] = [];
  for (const entry of value.split('&')) {
    const parts = entry.split('|');
    const account = parts[0]!.trim();
    const currency = parts[1]?.trim();
    if (!account || !currency || !CURRENCY.test(currency)) continue;
    const amounts: string[] = [];
    for (let index = 2; index < parts.length; index++) {
      const amount = signedAmount(parts[index]!.trim());
      if (amount === undefined) break;
      amounts.push(amount);
    }
    if (amounts.length === parts.length - 2) accounts.push({ account, currency, amounts });
  }
  return accounts.length > 0 ? accounts : undefined;
}
