import { generateReference } from '@reversal/core';
import type { LedgerAttempt } from './ledger-entry.js';

/**
 * A new attempt in `sending`, with a fresh provider reference: 20 letters and digits (M-Pesa
 * allows at most 20), about 103 random bits, so a new attempt never collides with an old one.
 */
export function newAttempt(number: number, now: Date): LedgerAttempt {
  return { number, providerReference: generateReference(), state: 'sending', answers: [], createdAt: now, updatedAt: now };
}
