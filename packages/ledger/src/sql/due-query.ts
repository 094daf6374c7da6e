import type { EntryState } from '../model/entry-state.js';
import type { DueLease, DueQuery, EntryKey } from '../store/ledger-store.js';
import type { SqlExecutor } from './sql-client.js';

/**
 * The reconciler's query of due entries. With a lease it claims them in one statement: the rows
 * are picked `FOR UPDATE SKIP LOCKED` among those no live lease holds and their lease is set, so
 * concurrent reconcilers on any number of instances never receive the same entry.
 */
export async function findDueEntries(
  db: SqlExecutor,
  query: DueQuery,
  lease?: DueLease,
): Promise<(EntryKey & { readonly state: EntryState })[]> {
  if (query.due.length === 0 || query.limit < 1) return [];
  const params: unknown[] = [query.statusCheck];
  const param = (value: unknown) => `$${params.push(value)}`;
  const due = query.due
    .map((each) => `(provider = ${param(each.provider)} AND state = ANY(${param(each.states)}) AND updated_at < ${param(each.updatedBefore)})`)
    .join(' OR ');
  const free = lease ? ` AND (reconcile_lease_until IS NULL OR reconcile_lease_until < ${param(lease.now)})` : '';
  const select = `SELECT provider, reference FROM reversal_ledger_entries WHERE status_check = $1${free} AND (${due})
    ORDER BY updated_at LIMIT ${param(query.limit)}`;
  const text = lease
    ? `UPDATE reversal_ledger_entries SET reconcile_lease_until = ${param(lease.until)}
       WHERE (provider, reference) IN (${select} FOR UPDATE SKIP LOCKED) RETURNING provider, reference, state`
    : select.replace('SELECT provider, reference', 'SELECT provider, reference, state');
  const { rows } = await db.query<{ provider: string; reference: string; state: EntryState }>(text, params);
  return rows.map((row) => ({ provider: row.provider, reference: row.reference, state: row.state }));
}
