import { type EntryState, IN_DOUBT_ENTRY_STATES } from '../model/entry-state.js';
import type { DueLease, DueQuery, EntryKey } from '../store/ledger-store.js';
import type { SqlExecutor } from './sql-client.js';

type DueRow = EntryKey & { readonly state: EntryState };

/**
 * The due entries no live claim holds, as `isDueEntry` says (in SQL), in the order `dueOrder` says.
 * Both halves use an index (EXPLAIN in `due-query.test.ts`): never-checked entries by
 * `(state, updated_at)`, entries checked before by the partial index on `next_check_at`, which holds
 * only entries in doubt; the settled entries, nearly all of the table, are never read.
 */
function dueSelect(query: DueQuery, params: unknown[], limit: number): string {
  const param = (value: unknown) => `$${params.push(value)}`;
  const firstChecks = query.due
    .map(
      (each) => `(provider = ${param(each.provider)} AND state = ANY(${param(each.states)}) AND updated_at < ${param(each.updatedBefore)})`,
    )
    .join(' OR ');
  const now = param(query.now);
  const providers = param([...new Set(query.due.map((each) => each.provider))]);
  return `SELECT provider, reference FROM reversal_ledger_entries
    WHERE status_check = ${param(query.statusCheck)}
      AND (reconcile_lease_until IS NULL OR reconcile_lease_until < ${now})
      AND ((next_check_at IS NULL AND (${firstChecks}))
        OR (next_check_at <= ${now} AND provider = ANY(${providers}) AND state = ANY(${param(IN_DOUBT_ENTRY_STATES)})))
    ORDER BY COALESCE(next_check_at, updated_at), provider, reference LIMIT ${param(limit)}`;
}

/** The due entries (`LedgerStore.findDue`): claims nothing. */
export async function findDueEntries(db: SqlExecutor, query: DueQuery): Promise<DueRow[]> {
  if (query.due.length === 0 || query.limit < 1) return [];
  const params: unknown[] = [];
  const select = dueSelect(query, params, query.limit).replace('SELECT provider, reference', 'SELECT provider, reference, state');
  const { rows } = await db.query<DueRow>(select, params);
  return rows.map((row) => ({ provider: row.provider, reference: row.reference, state: row.state }));
}

/**
 * Claims the first due entry (`LedgerStore.claimDue`) in one statement: the row is picked `FOR
 * UPDATE SKIP LOCKED` among those no live lease holds and its lease set with the claim's token, so
 * concurrent reconcilers on any number of instances never hold the same entry.
 */
export async function claimDueEntry(db: SqlExecutor, query: DueQuery, lease: DueLease): Promise<DueRow | undefined> {
  if (query.due.length === 0) return undefined;
  const params: unknown[] = [lease.until, lease.token];
  const { rows } = await db.query<DueRow>(
    `UPDATE reversal_ledger_entries SET reconcile_lease_until = $1, reconcile_lease_token = $2
     WHERE (provider, reference) IN (${dueSelect(query, params, 1)} FOR UPDATE SKIP LOCKED) RETURNING provider, reference, state`,
    params,
  );
  return rows[0] && { provider: rows[0].provider, reference: rows[0].reference, state: rows[0].state };
}

/** Extends the claim `lease.token` holds (`LedgerStore.renewDue`). */
export async function renewDueEntry(db: SqlExecutor, key: EntryKey, lease: DueLease): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE reversal_ledger_entries SET reconcile_lease_until = $3
     WHERE provider = $1 AND reference = $2 AND reconcile_lease_token = $4 RETURNING provider`,
    [key.provider, key.reference, lease.until, lease.token],
  );
  return rows.length > 0;
}

/** Ends the claim `token` holds, and no other (`LedgerStore.releaseDue`). */
export async function releaseDueEntry(db: SqlExecutor, key: EntryKey, token: string): Promise<void> {
  await db.query(
    `UPDATE reversal_ledger_entries SET reconcile_lease_until = NULL, reconcile_lease_token = NULL
     WHERE provider = $1 AND reference = $2 AND reconcile_lease_token = $3`,
    [key.provider, key.reference, token],
  );
}
