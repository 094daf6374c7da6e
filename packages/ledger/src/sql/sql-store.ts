import { DELETABLE_ENTRY_STATES } from '../model/entry-state.js';
import type { LedgerEntryRecord } from '../model/ledger-entry.js';
import { createChangeFeed, decodeEntryKey, encodeEntryKey } from '../store/change-feed.js';
import type { EntryKey, LedgerStore } from '../store/ledger-store.js';
import {
  ATTEMPT_COLUMNS,
  type AttemptRow,
  attemptParams,
  ENTRY_COLUMNS,
  type EntryRow,
  entryParams,
  toRecord,
} from './row-mapping.js';
import { claimDueEntry, findDueEntries, releaseDueEntry, renewDueEntry } from './due-query.js';
import type { SqlDriver, SqlExecutor } from './sql-client.js';

const placeholders = (count: number, casts: Record<number, string> = {}) =>
  Array.from({ length: count }, (_, index) => `$${index + 1}${casts[index + 1] ?? ''}`).join(', ');
const INSERT_ENTRY = `INSERT INTO reversal_ledger_entries (${ENTRY_COLUMNS})
  VALUES (${placeholders(15, { 8: '::jsonb', 11: '::jsonb', 15: '::jsonb' })})
  ON CONFLICT (provider, reference) DO NOTHING RETURNING provider`;
const UPSERT_ATTEMPT = `INSERT INTO reversal_ledger_attempts (${ATTEMPT_COLUMNS}) VALUES (${placeholders(11, { 8: '::jsonb', 9: '::jsonb' })})
  ON CONFLICT (provider, reference, number) DO UPDATE SET state = excluded.state, conversation_id = excluded.conversation_id,
  provider_request_id = excluded.provider_request_id, result = excluded.result, answers = excluded.answers, updated_at = excluded.updated_at`;
const UPDATE_ENTRY = `UPDATE reversal_ledger_entries SET state = $3, resolution = $4::jsonb, updated_at = $5,
  outcome_delivery = $6::jsonb, status_checks = $7, last_check_at = $8, next_check_at = $9, escalation = $10::jsonb
  WHERE provider = $1 AND reference = $2`;
const SELECT_ATTEMPTS = 'SELECT * FROM reversal_ledger_attempts WHERE provider = $1 AND reference = $2 ORDER BY number';

/**
 * The ledger store over any SQL driver of the ledger's schema (PGlite, PostgreSQL). Every change
 * runs in a transaction holding the entry's row lock (`SELECT … FOR UPDATE`), so instances sharing
 * one database never interleave two changes of an entry; the primary keys and the unique attempt
 * reference keep entries and attempts single.
 */
export function createSqlStore(driver: SqlDriver): LedgerStore {
  const { notifications } = driver;
  const feed = createChangeFeed();
  const load = async (db: SqlExecutor, key: EntryKey, lock: boolean) => {
    const { rows } = await db.query<EntryRow>(
      `SELECT * FROM reversal_ledger_entries WHERE provider = $1 AND reference = $2${lock ? ' FOR UPDATE' : ''}`,
      [key.provider, key.reference],
    );
    if (!rows[0]) return undefined;
    const attempts = await db.query<AttemptRow>(SELECT_ATTEMPTS, [key.provider, key.reference]);
    return toRecord(rows[0], attempts.rows);
  };
  const writeAttempts = async (db: SqlExecutor, entry: LedgerEntryRecord, previous?: LedgerEntryRecord) => {
    for (const [index, attempt] of entry.attempts.entries()) {
      // Attempts are replaced, never edited in place: an unchanged one is the same object.
      if (previous?.attempts[index] === attempt) continue;
      await db.query(UPSERT_ATTEMPT, attemptParams(entry, attempt));
    }
  };

  return {
    insert(entry) {
      return driver.transaction(async (tx) => {
        const { rows } = await tx.query(INSERT_ENTRY, entryParams(entry));
        if (rows.length === 0) return { inserted: false, entry: (await load(tx, entry, false))! };
        await writeAttempts(tx, entry);
        return { inserted: true, entry };
      });
    },
    get(key) {
      // One transaction, so the entry and its attempts are read from one snapshot.
      return driver.transaction((tx) => load(tx, key, false));
    },
    async findByAttempt(provider, providerReference) {
      const { rows } = await driver.query<{ reference: string }>(
        'SELECT reference FROM reversal_ledger_attempts WHERE provider = $1 AND provider_reference = $2',
        [provider, providerReference],
      );
      return rows[0] ? this.get({ provider, reference: rows[0].reference }) : undefined;
    },
    async update(key, change) {
      const entryKey = { provider: key.provider, reference: key.reference };
      let changedState = false;
      const stored = await driver.transaction(async (tx) => {
        const current = await load(tx, key, true);
        if (!current) return undefined;
        const next = change(current);
        if (!next || next === current) return current;
        const row = entryParams(next);
        await tx.query(UPDATE_ENTRY, [row[0], row[1], row[6], row[7], row[9], row[10], row[11], row[12], row[13], row[14]]);
        await writeAttempts(tx, next, current);
        changedState = next.state !== current.state;
        if (changedState && notifications) await notifications.notify(tx, encodeEntryKey(entryKey));
        return next;
      });
      if (changedState && !notifications) feed.emit(entryKey);
      return stored;
    },
    watch(listener) {
      if (!notifications) return feed.watch(listener);
      return notifications.listen((payload) => {
        const changed = decodeEntryKey(payload);
        if (changed) listener(changed);
      });
    },
    findDue(query) {
      return findDueEntries(driver, query);
    },
    claimDue(query, lease) {
      return claimDueEntry(driver, query, lease);
    },
    renewDue(key, lease) {
      return renewDueEntry(driver, key, lease);
    },
    async findOutcomesDue(limit) {
      const { rows } = await driver.query<EntryKey>(
        `SELECT provider, reference FROM reversal_ledger_entries WHERE outcome_delivery->>'state' IN ('due', 'in-progress')
         ORDER BY updated_at LIMIT $1`,
        [limit],
      );
      return rows.map((row) => ({ provider: row.provider, reference: row.reference }));
    },
    releaseDue(key, token) {
      return releaseDueEntry(driver, key, token);
    },
    async prune({ before, limit }) {
      const { rows } = await driver.query(
        `DELETE FROM reversal_ledger_entries WHERE (provider, reference) IN (
           SELECT provider, reference FROM reversal_ledger_entries WHERE state = ANY($1) AND updated_at < $2
           LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING provider`,
        [DELETABLE_ENTRY_STATES, before, limit],
      );
      return rows.length;
    },
    close() {
      return driver.close();
    },
  };
}
