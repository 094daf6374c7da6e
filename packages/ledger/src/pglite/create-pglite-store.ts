import { mkdirSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { LedgerError } from '../ledger-error.js';
import { migrate } from '../sql/migrations.js';
import type { SqlDriver } from '../sql/sql-client.js';
import { createSqlStore } from '../sql/sql-store.js';
import type { LedgerStore } from '../store/ledger-store.js';
import { lockDirectory } from './directory-lock.js';

/** Options of {@link createPgliteStore}. */
export interface PgliteStoreOptions {
  /** The data directory (created when missing). One process at a time: it is locked while open. */
  readonly directory: string;
}

/**
 * The embedded ledger store: PostgreSQL in WebAssembly (`@electric-sql/pglite`, an optional peer
 * dependency: install it), in a directory on disk. It locks the directory for this process (a
 * second process is refused with `ERR_LEDGER_LOCKED`; use `createPostgresStore` for several
 * processes), applies the schema's migrations, and releases the lock on `close()` and on exit.
 * Opening a new directory takes a few seconds (PGlite initialises a database); reopening is fast.
 *
 * @example
 * const store = await createPgliteStore({ directory: './data/reversals' });
 * const ledger = createLedger({ store, provider });
 * // …
 * await store.close();
 */
export async function createPgliteStore(options: PgliteStoreOptions): Promise<LedgerStore> {
  if (typeof options?.directory !== 'string' || options.directory === '' || options.directory.includes('://')) {
    throw new LedgerError('ERR_LEDGER_CONFIG', 'directory must be the path of a directory on disk for the PGlite ledger.');
  }
  mkdirSync(options.directory, { recursive: true });
  const lock = lockDirectory(options.directory);
  let db: PGlite | undefined;
  try {
    const { PGlite } = await loadPglite();
    db = await PGlite.create(options.directory);
    const driver = pgliteDriver(db, lock.release);
    await migrate(driver);
    return createSqlStore(driver);
  } catch (error) {
    await db?.close().catch(() => {});
    lock.release();
    throw error;
  }
}

function pgliteDriver(db: PGlite, release: () => void): SqlDriver {
  let closed = false;
  return {
    async query(text, params) {
      return db.query(text, params as unknown[]);
    },
    transaction(work) {
      return db.transaction((tx) => work({ query: async (text, params) => tx.query(text, params as unknown[]) }));
    },
    async close() {
      if (closed) return;
      closed = true;
      // close() checkpoints the write-ahead log; the lock goes only once the files are quiet.
      try {
        await db.close();
      } finally {
        release();
      }
    },
  };
}

async function loadPglite(): Promise<typeof import('@electric-sql/pglite')> {
  try {
    return await import('@electric-sql/pglite');
  } catch (error) {
    throw new LedgerError(
      'ERR_LEDGER_CONFIG',
      'The PGlite ledger store needs the package @electric-sql/pglite: install it (npm install @electric-sql/pglite).',
      { cause: error },
    );
  }
}
