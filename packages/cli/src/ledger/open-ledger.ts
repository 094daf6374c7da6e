import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ReversalProvider } from '@reversal/core';
import { createLedger, createPgliteStore, createPostgresStore, type Ledger, LedgerError, type LedgerStore } from '@reversal/ledger';
import pg from 'pg';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { describeLocation, hideLocationSecrets } from './describe-location.js';
import { initialiseInWorker } from './initialise-in-worker.js';
import { restrictPermissions } from './restrict-permissions.js';
import type { OpenableLocation } from './ledger-location.js';

/** An open ledger over the command's provider, and how to close it (store, pool). */
export interface OpenLedger {
  readonly ledger: Ledger;
  /** Where it is, for people: the directory, or the URL with its password masked. */
  readonly where: string;
  readonly location: OpenableLocation;
  close(): Promise<void>;
}

/** Files PGlite leaves in a data directory it initialised; a directory without it is new. */
const DATA_MARKER = 'PG_VERSION';
/** What may be in a directory PGlite has not initialised yet: the lock of an interrupted first run. */
const LOCK_FILE = 'reversal-ledger.lock';

/**
 * Opens the ledger at `location` for `providers`. A directory another process holds, or a database
 * that cannot be reached, is a configuration error (exit 3) saying what to do; nothing is sent.
 * A new embedded ledger is created 0700 (its files 0600 under the binary's umask), with a line on
 * stderr while PGlite initialises it. Ctrl-C (`io.signal`) while it opens ends it at once: exit 130,
 * nothing sent; the store still opening is closed when it is ready.
 */
export async function openLedger(location: OpenableLocation, providers: readonly ReversalProvider[], io: CliIo): Promise<OpenLedger> {
  const where = describeLocation(location);
  if (location.kind === 'pglite' && prepareDirectory(location.directory, io)) {
    const initialised = await initialiseInWorker(location.directory, io.signal);
    if (initialised === 'aborted') throw interrupted();
    if (initialised === 'ready') restrictPermissions(location.directory);
  }
  const opening = openStore(location);
  let opened: { store: LedgerStore; pool?: pg.Pool };
  try {
    opened = await untilAborted(opening, io.signal);
  } catch (error) {
    if (error === ABORTED) {
      void opening.then((late) => closeStore(late), () => {});
      throw interrupted();
    }
    throw ledgerOpenError(error, location, where);
  }
  const { store, pool } = opened;
  return {
    ledger: createLedger({ store, ...(providers.length === 1 ? { provider: providers[0]! } : { providers }) }),
    where,
    location,
    async close() {
      await closeStore({ store, ...(pool ? { pool } : {}) });
      if (location.kind === 'pglite') restrictPermissions(location.directory);
    },
  };
}

async function openStore(location: OpenableLocation): Promise<{ store: LedgerStore; pool?: pg.Pool }> {
  if (location.kind === 'pglite') return { store: await createPgliteStore({ directory: location.directory }) };
  const pool = new pg.Pool({ connectionString: location.url, max: 2 });
  try {
    return { store: await createPostgresStore({ pool }), pool };
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
}

async function closeStore(opened: { store: LedgerStore; pool?: pg.Pool }): Promise<void> {
  try {
    await opened.store.close();
  } finally {
    await opened.pool?.end();
  }
}

const interrupted = () => new CliError('interrupted', 'Interrupted before anything was sent (while the ledger was opening).');

/**
 * Creates a missing ledger directory 0700 and says that PGlite is initialising it (seconds, once);
 * true when it is new. Refuses a directory that holds other files and no database: PGlite would
 * fill someone's folder.
 */
function prepareDirectory(directory: string, io: CliIo): boolean {
  if (existsSync(join(directory, DATA_MARKER))) return false;
  const present = existsSync(directory) ? readdirSync(directory).filter((name) => name !== LOCK_FILE) : [];
  if (present.length > 0) {
    throw new CliError('configuration', `The directory ${directory} holds other files and no ledger. Nothing was sent.`, {
      hint: 'Give --ledger (or REVERSAL_LEDGER) a new or empty directory for the ledger, or the directory of an existing one.',
    });
  }
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  io.stderr.write(`Creating the ledger in ${directory} (once, a few seconds)…\n`);
  return true;
}

const ABORTED = Symbol('aborted');

/** `promise`, or a rejection with {@link ABORTED} as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(ABORTED);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(ABORTED);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function ledgerOpenError(error: unknown, location: OpenableLocation, where: string): CliError {
  if (LedgerError.isInstance(error, 'ERR_LEDGER_LOCKED')) {
    return new CliError('configuration', `The ledger ${where} is in use by another process (${error.message}). Nothing was sent.`, {
      hint: 'Wait for it to finish, or use PostgreSQL (--ledger postgres://…) for several processes at once.',
    });
  }
  const reason = hideLocationSecrets(error instanceof Error ? error.message : String(error), location);
  return new CliError('configuration', `The ledger ${where} could not be opened: ${reason}. Nothing was sent.`, {
    hint: 'Name another ledger with --ledger <directory | postgres://…>, or run without one: --no-ledger.',
  });
}
