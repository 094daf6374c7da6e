import { createHash } from 'node:crypto';
import { parseAmount } from '@reversal/core';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The reference `reverse` uses when none is given: 20 letters and digits derived from (provider,
 * payment, amount), never random. The same command run again — in another directory, on another
 * machine with its own ledger, or without a ledger — sends the same reference, so the ledger or the
 * provider's own duplicate check (Vodacom's INS-10) stops it. A further partial reversal of the
 * same amount needs its own `--reference` (or `--additional`).
 */
export function paymentReference(provider: string, transactionId: string, amount: string | undefined): string {
  const parsed = amount === undefined ? undefined : parseAmount(amount);
  const canonical = parsed === undefined ? null : parsed.ok ? parsed.value : amount;
  const digest = createHash('sha256').update(JSON.stringify(['reversal/cli/payment-reference/v1', provider, transactionId, canonical])).digest();
  let value = BigInt(`0x${digest.toString('hex')}`);
  let reference = '';
  for (let index = 0; index < 20; index += 1) {
    reference += ALPHABET[Number(value % 36n)];
    value /= 36n;
  }
  return reference;
}
