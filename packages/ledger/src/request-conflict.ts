import { LedgerError } from './ledger-error.js';
import type { LedgerRequestRecord } from './model/ledger-entry.js';

/**
 * Throws `ERR_LEDGER_CONFLICT` when a reference already recorded is used for a different payment
 * or amount. An absent amount (a full reversal) matches only an absent amount.
 */
export function assertSameRequest(reference: string, recorded: LedgerRequestRecord, requested: LedgerRequestRecord): void {
  const fields: string[] = [];
  if (recorded.transactionId !== requested.transactionId) fields.push('transactionId');
  if (recorded.amount !== requested.amount) fields.push('amount');
  if (fields.length === 0) return;
  throw new LedgerError(
    'ERR_LEDGER_CONFLICT',
    `Reference "${reference}" is already recorded for a different ${fields.join(' and ')}. ` +
      'A reference names one reversal: use a new reference for another payment or amount.',
    { reference },
  );
}
