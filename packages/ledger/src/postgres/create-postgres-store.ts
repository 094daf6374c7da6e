import { LedgerError } from '../ledger-error.js';
import { migrate } from '../sql/migrations.js';
import type { SqlDriver, SqlExecutor } from '../sql/sql-client.js';
import { createSqlStore } from '../sql/sql-store.js';
import { postgresNotifications } from './postgres-notifications.js';
import type { LedgerStore } from '../store/ledger-store.js';

/** A client checked out of a pool; `pg`'s `PoolClient` fits. */
export interface PostgresPoolClient extends SqlExecutor {
  /** Returns the client to the pool; with an error, the pool discards it. */
  release(error?: Error | boolean): void;
  /** `pg`'s events: `notification` carries LISTEN/NOTIFY (for `waitForOutcome` across processes). */
  on?(event: 'notification', listener: (message: { readonly channel: string; readonly payload?: string }) => void): unknown;
  on?(event: 'error', listener: (error: Error) => void): unknown;
}

/** A connection pool; `pg`'s `Pool` fits (`new Pool({ connectionString })`). */
export interface PostgresPool extends SqlExecutor {
  connect(): Promise<PostgresPoolClient>;
}

/** Options of {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /** Your `pg` pool (`pg` 8 is an optional peer dependency). The store never ends it. */
  readonly pool: PostgresPool;
}

/**
 * The ledger store for several processes or hosts: PostgreSQL through your `pg` pool. Applies the
 * schema's migrations (once, whatever the number of instances starting), and changes every entry
 * under its row lock so instances never interleave two changes of one entry. Changes of an entry's
 * state are announced with NOTIFY, so `waitForOutcome` resolves in every instance; one connection
 * of the pool listens while something waits.
 *
 * @example
 * import pg from 'pg';
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * const ledger = createLedger({ store: await createPostgresStore({ pool }), provider });
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<LedgerStore> {
  const pool = options?.pool;
  if (typeof pool?.connect !== 'function' || typeof pool.query !== 'function') {
    throw new LedgerError('ERR_LEDGER_CONFIG', 'pool must be a pg Pool (new pg.Pool({ connectionString })).');
  }
  const driver: SqlDriver = {
    query: (text, params) => pool.query(text, params),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        // A failed ROLLBACK leaves the connection unusable: hand it back as broken.
        const rolledBack = await client.query('ROLLBACK').then(
          () => true,
          () => false,
        );
        client.release(rolledBack ? undefined : true);
        throw error;
      }
    },
    notifications: postgresNotifications(pool),
    async close() {},
  };
  await migrate(driver);
  return createSqlStore(driver);
}
