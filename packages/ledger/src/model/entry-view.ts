import { deriveEntryState } from './entry-state.js';
import { entryResult } from './entry-result.js';
import type { LedgerEntry, LedgerEntryRecord } from './ledger-entry.js';

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
  const result = entryResult(record);
  return { ...record, state, ...(result ? { result } : {}), doubleReversal: state === 'double-reversed' };
}
