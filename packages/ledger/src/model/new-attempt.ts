import { generateReference } from '@reversal/core';
import type { LedgerAttempt } from './ledger-entry.js';

/**
 * A new attempt in `sending`, under `providerReference`: the ledger derives it from the caller's
 * reference and the attempt number (`attemptReference`), so that anyone sending the same reference
 * meets the provider's duplicate check. Tests that build records by hand may leave it out for a
 * random one.
 */
export function newAttempt(number: number, now: Date, providerReference: string = generateReference()): LedgerAttempt {
  return { number, providerReference, state: 'sending', answers: [], createdAt: now, updatedAt: now };
}
