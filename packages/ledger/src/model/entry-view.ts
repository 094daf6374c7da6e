import { deriveEntryState, type EntryState, IN_DOUBT_ENTRY_STATES } from './entry-state.js';
import { entryResult } from './entry-result.js';
import type { LedgerEntry, LedgerEntryRecord } from './ledger-entry.js';

const IN_DOUBT: ReadonlySet<EntryState> = new Set(IN_DOUBT_ENTRY_STATES);

/**
 * The record with its state derived afresh, `updatedAt` set, ready to store. A settled entry loses
 * its status-check schedule; one whose attempts all did nothing (`failed`, `retryable`) loses its
 * escalation too, so that a retry is a new doubt, checked and escalated afresh.
 */
export function withDerivedState(
  entry: Omit<LedgerEntryRecord, 'state'> & { readonly state?: LedgerEntryRecord['state'] },
  now: Date,
): LedgerEntryRecord {
  const state = deriveEntryState(entry);
  const { statusChecks, escalation, ...rest } = entry;
  return {
    ...rest,
    ...(statusChecks && IN_DOUBT.has(state) ? { statusChecks } : {}),
    ...(escalation && state !== 'failed' && state !== 'retryable' ? { escalation } : {}),
    state,
    updatedAt: now,
  };
}

/** What the ledger hands out: the record, the result that decides its state, the double-reversal flag. */
export function toLedgerEntry(record: LedgerEntryRecord): LedgerEntry {
  const state = deriveEntryState(record);
  const result = entryResult(record);
  return { ...record, state, ...(result ? { result } : {}), doubleReversal: state === 'double-reversed' };
}
