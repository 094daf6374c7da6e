import { resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { LedgerError } from '../ledger-error.js';
import { migrate } from '../sql/migrations.js';
import type { SqlDriver } from '../sql/sql-client.js';
import { createSqlStore } from '../sql/sql-store.js';
import type { LedgerStore } from '../store/ledger-store.js';
import { openDataDirectory } from './data-directory.js';
import { DEFAULT_STALE_AFTER_MS, type DirectoryLock } from './directory-lock.js';

/** Options of {@link createPgliteStore}. */
export interface PgliteStoreOptions {
  /**
   * The data directory. One process at a time: it is locked while open. A missing one is created
   * with mode 0700 (its missing parents too) and initialised atomically: an interrupted first set-up
   * leaves no directory behind.
   */
  readonly directory: string;
  /**
   * Called once, before a new database is initialised (it takes a few seconds; reopening is fast),
   * with `directory` as given: the moment to print a progress line. Not called for an existing one.
   */
  readonly onInitialise?: (directory: string) => void;
  /**
   * Aborting it while the store opens rejects at once with the signal's reason. PGlite cannot be
   * interrupted, so the work already started finishes in the background: the database is then
   * closed, a directory being created is removed and the lock released.
   */
  readonly signal?: AbortSignal;
  /**
   * How long, in milliseconds, this process's lock heartbeat may stop before a process that cannot
   * check it by other means (on another machine sharing the directory) takes the directory over;
   * default 30 000, at least 1 000. The lock file is refreshed ten times as often. A process on the
   * same machine, even in another container, sees at once whether the holder lives, and never waits.
   */
  readonly lockStaleAfterMs?: number;
}

/**
 * The embedded ledger store: PostgreSQL in WebAssembly (`@electric-sql/pglite`, an optional peer
 * dependency: install it), in a directory on disk. It locks the directory for this process (a
 * second process is refused with `ERR_LEDGER_LOCKED`, on this machine and in other containers
 * sharing the directory; use `createPostgresStore` for several processes), applies the schema's
 * migrations, and releases the lock on `close()` and on exit. If the lock is ever lost (a process on
 * another machine took over after this one stopped its heartbeat), every query rejects with
 * `ERR_LEDGER_LOCKED` rather than write. Opening a new directory takes a few seconds (PGlite
 * initialises a database: see `onInitialise`); reopening is fast.
 *
 * @example
 * const store = await createPgliteStore({ directory: './data/reversals' });
 * const ledger = createLedger({ store, provider });
 * // …
 * await store.close();
 */
export async function createPgliteStore(options: PgliteStoreOptions): Promise<LedgerStore> {
  const staleAfterMs = validate(options);
  const { signal } = options;
  signal?.throwIfAborted();
  const opening = open(options, staleAfterMs);
  if (!signal) return opening;
  return new Promise((resolve_, reject) => {
    const onAbort = () => {
      reject(signal.reason);
      opening.then((store) => store.close(), () => {}).catch(() => {});
    };
    signal.addEventListener('abort', onAbort, { once: true });
    opening.then(
      (store) => {
        signal.removeEventListener('abort', onAbort);
        resolve_(store);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function validate(options: PgliteStoreOptions): number {
  const fail = (message: string): never => {
    throw new LedgerError('ERR_LEDGER_CONFIG', message);
  };
  if (typeof options?.directory !== 'string' || options.directory === '' || options.directory.includes('://')) {
    fail('directory must be the path of a directory on disk for the PGlite ledger.');
  }
  if (options.onInitialise !== undefined && typeof options.onInitialise !== 'function') fail('onInitialise must be a function.');
  if (options.signal !== undefined && typeof options.signal?.throwIfAborted !== 'function') fail('signal must be an AbortSignal.');
  const stale = options.lockStaleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  if (!Number.isSafeInteger(stale) || stale < 1_000 || stale > 86_400_000) {
    fail('lockStaleAfterMs must be a whole number of milliseconds from 1000 to 86400000 (default 30000).');
  }
  return stale;
}

async function open(options: PgliteStoreOptions, staleAfterMs: number): Promise<LedgerStore> {
  const { PGlite } = await loadPglite();
  options.signal?.throwIfAborted();
  const { db, lock } = await openDataDirectory(resolve(options.directory), {
    PGlite,
    prepare: (db_) => migrate(pgliteDriver(db_)),
    staleAfterMs,
    onInitialise: options.onInitialise,
    signal: options.signal,
  });
  return createSqlStore(pgliteDriver(db, lock));
}

function pgliteDriver(db: PGlite, lock?: DirectoryLock): SqlDriver {
  let closed = false;
  const held = () => lock?.assertHeld();
  return {
    async query(text, params) {
      held();
      return db.query(text, params as unknown[]);
    },
    async transaction(work) {
      held();
      return db.transaction((tx) =>
        work({
          query: async (text, params) => {
            held();
            return tx.query(text, params as unknown[]);
          },
        }),
      );
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        // close() checkpoints the write-ahead log: never into a directory another process took over.
        // The lock goes only once the files are quiet.
        if (lock?.lost === undefined) await db.close();
      } finally {
        lock?.release();
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
