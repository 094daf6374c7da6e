import type { ReversalResult } from '@reversal/core';
import { deriveEntryState } from './entry-state.js';
import type { LedgerAttempt, LedgerEntry, LedgerEntryRecord } from './ledger-entry.js';

/** The record with its state derived afresh, `updatedAt` set, ready to store. */
export function withDerivedState(
  entry: Omit<LedgerEntryRecord, 'state'> & { readonly state?: LedgerEntryRecord['state'] },
  now: Date,
): LedgerEntryRecord {
  return { ...entry, state: deriveEntryState(entry), updatedAt: now };
}

/** What the ledger hands out: the record, the result that decides its state, the double-reversal flag. */
export function toLedgerEntry(record: LedgerEntryRecord): LedgerEntry {
  const state = deriveEntryState(record);
  const result = decidingResult(record.attempts);
  return { ...record, state, ...(result ? { result } : {}), doubleReversal: state === 'double-reversed' };
}

function decidingResult(attempts: readonly LedgerAttempt[]): ReversalResult | undefined {
  return attempts.find((attempt) => attempt.state === 'succeeded')?.result ?? attempts.at(-1)?.result;
}
