import { type EntryState, IN_DOUBT_ENTRY_STATES } from '../model/entry-state.js';
import type { LedgerEntryRecord } from '../model/ledger-entry.js';
import type { DueQuery } from './ledger-store.js';

const RECHECKED: ReadonlySet<EntryState> = new Set(IN_DOUBT_ENTRY_STATES);

/**
 * True when the reconciler is due to check `entry` (claims aside), the rule of every store (the SQL
 * stores say it in `due-query.ts`): an entry never checked once it is unchanged past its provider's
 * `updatedBefore` in one of its `states`; an entry checked before once its next check has come.
 */
export function isDueEntry(entry: LedgerEntryRecord, query: Omit<DueQuery, 'limit'>): boolean {
  if (entry.statusCheck !== query.statusCheck) return false;
  if (entry.statusChecks) {
    return entry.statusChecks.nextAt <= query.now && RECHECKED.has(entry.state) && query.due.some((due) => due.provider === entry.provider);
  }
  return query.due.some(
    (due) => due.provider === entry.provider && due.states.includes(entry.state) && entry.updatedAt < due.updatedBefore,
  );
}

/** Orders due entries: the longest waiting first (by next check, else by last change). */
export function dueOrder(entry: LedgerEntryRecord): number {
  return (entry.statusChecks?.nextAt ?? entry.updatedAt).getTime();
}
