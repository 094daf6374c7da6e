import { LedgerError } from '../ledger-error.js';
import type { SqlDriver } from './sql-client.js';

/** One step of the ledger's SQL schema; applied once, in order, recorded in `reversal_ledger_migrations`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** The statements, run one by one in the migration's transaction. */
  readonly statements: readonly string[];
}

/** The ledger's schema, the same for PGlite and PostgreSQL. Append new steps; never edit one. */
export const MIGRATIONS: readonly Migration[] = Object.freeze([
  {
    version: 1,
    name: 'entries and attempts',
    statements: [
      `CREATE TABLE reversal_ledger_entries (
        provider text NOT NULL,
        reference text NOT NULL,
        transaction_id text NOT NULL,
        amount text,
        reason text,
        status_check boolean NOT NULL,
        state text NOT NULL,
        resolution jsonb,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (provider, reference)
      )`,
      'CREATE INDEX reversal_ledger_entries_state ON reversal_ledger_entries (state, updated_at)',
      `CREATE TABLE reversal_ledger_attempts (
        provider text NOT NULL,
        reference text NOT NULL,
        number integer NOT NULL,
        provider_reference text NOT NULL,
        state text NOT NULL,
        conversation_id text,
        provider_request_id text,
        result jsonb,
        answers jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (provider, reference, number),
        UNIQUE (provider, provider_reference),
        FOREIGN KEY (provider, reference) REFERENCES reversal_ledger_entries (provider, reference) ON DELETE CASCADE
      )`,
    ],
  },
  {
    version: 2,
    name: 'outcome delivery',
    statements: ['ALTER TABLE reversal_ledger_entries ADD COLUMN outcome_delivery jsonb'],
  },
  {
    version: 3,
    name: 'reconciler leases',
    statements: ['ALTER TABLE reversal_ledger_entries ADD COLUMN reconcile_lease_until timestamptz'],
  },
  {
    version: 4,
    name: 'outcomes due',
    statements: [
      `CREATE INDEX reversal_ledger_entries_outcome_due ON reversal_ledger_entries (updated_at)
        WHERE outcome_delivery->>'state' IN ('due', 'in-progress')`,
    ],
  },
  {
    version: 5,
    name: 'payments and tombstones',
    statements: [
      // The payment guard looks entries up by payment.
      'CREATE INDEX reversal_ledger_entries_payment ON reversal_ledger_entries (provider, transaction_id)',
      `CREATE TABLE reversal_ledger_tombstones (
        provider text NOT NULL,
        reference text NOT NULL,
        transaction_id text NOT NULL,
        amount text,
        state text NOT NULL,
        resolution_outcome text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        pruned_at timestamptz NOT NULL,
        PRIMARY KEY (provider, reference)
      )`,
      'CREATE INDEX reversal_ledger_tombstones_payment ON reversal_ledger_tombstones (provider, transaction_id)',
      'CREATE INDEX reversal_ledger_tombstones_pruned ON reversal_ledger_tombstones (pruned_at)',
    ],
  },
  {
    version: 6,
    name: 'status-check backoff, escalation, owned reconciler claims',
    statements: [
      `ALTER TABLE reversal_ledger_entries ADD COLUMN status_checks integer NOT NULL DEFAULT 0,
        ADD COLUMN last_check_at timestamptz, ADD COLUMN next_check_at timestamptz, ADD COLUMN escalation jsonb,
        ADD COLUMN reconcile_lease_token text`,
      // The due query reads entries checked before by their next check: only those in doubt have one.
      'CREATE INDEX reversal_ledger_entries_next_check ON reversal_ledger_entries (next_check_at) WHERE next_check_at IS NOT NULL',
    ],
  },
]);

// Any constant works: it only keeps two instances from migrating the same database at once.
const MIGRATION_LOCK = 7_311_942_001;

/**
 * Brings the database to the latest schema, in one transaction under an advisory lock, so that
 * instances starting together apply each step once. Refuses a database newer than this code.
 */
export async function migrate(driver: SqlDriver): Promise<void> {
  await driver.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.query(
      'CREATE TABLE IF NOT EXISTS reversal_ledger_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM reversal_ledger_migrations');
    const applied = new Set(rows.map((row) => Number(row.version)));
    const latest = MIGRATIONS.at(-1)!.version;
    const newest = Math.max(0, ...applied);
    if (newest > latest) {
      throw new LedgerError(
        'ERR_LEDGER_SCHEMA',
        `The database holds ledger schema version ${newest}, newer than this @reversal/ledger knows (${latest}). Upgrade @reversal/ledger.`,
      );
    }
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO reversal_ledger_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
  });
}
