import { DELETABLE_ENTRY_STATES } from '../model/entry-state.js';
import type { LedgerEntryRecord } from '../model/ledger-entry.js';
import { PAYMENT_BLOCKING_STATES } from '../model/payment-guard.js';
import { createChangeFeed, decodeEntryKey, encodeEntryKey } from '../store/change-feed.js';
import type { EntryKey, InsertOutcome, LedgerStore } from '../store/ledger-store.js';
import {
  ATTEMPT_COLUMNS,
  type AttemptRow,
  attemptParams,
  ENTRY_COLUMNS,
  type EntryRow,
  entryParams,
  type TombstoneRow,
  toRecord,
  toTombstone,
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
// Any constant works: with the payment's hash it serialises inserts of one payment across instances.
const PAYMENT_LOCK = 7_311_943;
// What stands in the way of a new entry: its key taken (an entry, or a pruned one), or with $4 a
// blocking entry or tombstone of the same payment (the rule of model/payment-guard.ts, as SQL).
const INSERT_CHECKS = `SELECT 'entry' AS kind, reference FROM reversal_ledger_entries WHERE provider = $1 AND reference = $2
  UNION ALL SELECT 'tombstone', reference FROM reversal_ledger_tombstones WHERE provider = $1 AND reference = $2
  UNION ALL (SELECT 'blocking-entry', reference FROM reversal_ledger_entries WHERE $4 AND provider = $1 AND transaction_id = $3
    AND (state = ANY($5) OR (state = 'resolved' AND resolution->>'outcome' = 'reversed')) ORDER BY updated_at LIMIT 1)
  UNION ALL (SELECT 'blocking-tombstone', reference FROM reversal_ledger_tombstones WHERE $4 AND provider = $1 AND transaction_id = $3
    AND (state = ANY($5) OR (state = 'resolved' AND resolution_outcome = 'reversed')) ORDER BY pruned_at LIMIT 1)`;
const SELECT_TOMBSTONE = 'SELECT * FROM reversal_ledger_tombstones WHERE provider = $1 AND reference = $2';
const PRUNE = `WITH pruned AS (
    DELETE FROM reversal_ledger_entries WHERE (provider, reference) IN (
      SELECT provider, reference FROM reversal_ledger_entries WHERE state = ANY($1) AND updated_at < $2
      LIMIT $3 FOR UPDATE SKIP LOCKED)
    RETURNING provider, reference, transaction_id, amount, state, resolution, created_at, updated_at)
  INSERT INTO reversal_ledger_tombstones
    (provider, reference, transaction_id, amount, state, resolution_outcome, created_at, updated_at, pruned_at)
  SELECT provider, reference, transaction_id, amount, state, resolution->>'outcome', created_at, updated_at, $4 FROM pruned
  ON CONFLICT (provider, reference) DO NOTHING RETURNING provider`;

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
    insert(entry, options) {
      const guard = options?.guardPayment === true;
      const { provider, reference } = entry;
      return driver.transaction(async (tx): Promise<InsertOutcome> => {
        if (guard) {
          await tx.query(`SELECT pg_advisory_xact_lock(${PAYMENT_LOCK}, hashtext($1))`, [JSON.stringify([provider, entry.request.transactionId])]);
        }
        const checks = await tx.query<{ kind: string; reference: string }>(INSERT_CHECKS, [
          provider,
          reference,
          entry.request.transactionId,
          guard,
          PAYMENT_BLOCKING_STATES,
        ]);
        const found = (kind: string) => checks.rows.find((row) => row.kind === kind)?.reference;
        const tombstone = async (key: string) =>
          toTombstone((await tx.query<TombstoneRow>(SELECT_TOMBSTONE, [provider, key])).rows[0]!);
        const existing = found('entry');
        if (existing !== undefined) return { kind: 'exists', entry: (await load(tx, entry, false))! };
        if (found('tombstone') !== undefined) return { kind: 'pruned', tombstone: await tombstone(reference) };
        const blockingEntry = found('blocking-entry');
        if (blockingEntry !== undefined) return { kind: 'payment-in-use', other: (await load(tx, { provider, reference: blockingEntry }, false))! };
        const blockingTombstone = found('blocking-tombstone');
        if (blockingTombstone !== undefined) return { kind: 'payment-in-use', other: await tombstone(blockingTombstone) };
        const { rows } = await tx.query(INSERT_ENTRY, entryParams(entry));
        // Inserted by another instance since the checks (without the guard's lock): it is the one.
        if (rows.length === 0) return { kind: 'exists', entry: (await load(tx, entry, false))! };
        await writeAttempts(tx, entry);
        return { kind: 'inserted', entry };
      });
    },
    async list(query) {
      const params: unknown[] = [];
      const param = (value: unknown) => `$${params.push(value)}`;
      const where = [
        ...(query.provider === undefined ? [] : [`provider = ${param(query.provider)}`]),
        ...(query.states === undefined ? [] : [`state = ANY(${param(query.states)})`]),
        ...(query.transactionId === undefined ? [] : [`transaction_id = ${param(query.transactionId)}`]),
        ...(query.updatedBefore === undefined ? [] : [`updated_at < ${param(query.updatedBefore)}`]),
      ];
      return driver.transaction(async (tx) => {
        const { rows } = await tx.query<EntryRow>(
          `SELECT * FROM reversal_ledger_entries ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`}
           ORDER BY updated_at, provider, reference LIMIT ${param(query.limit)}`,
          params,
        );
        if (rows.length === 0) return [];
        const attempts = await tx.query<AttemptRow & { provider: string; reference: string }>(
          `SELECT * FROM reversal_ledger_attempts WHERE (provider, reference) IN (SELECT * FROM unnest($1::text[], $2::text[]))
           ORDER BY number`,
          [rows.map((row) => row.provider), rows.map((row) => row.reference)],
        );
        const byEntry = new Map<string, AttemptRow[]>();
        for (const attempt of attempts.rows) {
          const key = JSON.stringify([attempt.provider, attempt.reference]);
          byEntry.set(key, [...(byEntry.get(key) ?? []), attempt]);
        }
        return rows.map((row) => toRecord(row, byEntry.get(JSON.stringify([row.provider, row.reference])) ?? []));
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
    async prune({ before, limit, tombstonesBefore, now }) {
      // One statement: an entry is never gone without its tombstone.
      const { rows } = await driver.query(PRUNE, [DELETABLE_ENTRY_STATES, before, limit, now ?? new Date()]);
      if (tombstonesBefore) {
        await driver.query(
          `DELETE FROM reversal_ledger_tombstones WHERE (provider, reference) IN (
             SELECT provider, reference FROM reversal_ledger_tombstones WHERE pruned_at < $1 LIMIT $2)`,
          [tombstonesBefore, limit],
        );
      }
      return rows.length;
    },
    close() {
      return driver.close();
    },
  };
}
