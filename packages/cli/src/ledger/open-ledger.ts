import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ReversalProvider } from '@reversal/core';
import { createLedger, createPgliteStore, createPostgresStore, type Ledger, LedgerError, type LedgerStore } from '@reversal/ledger';
import pg from 'pg';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { describeLocation, hideLocationSecrets } from './describe-location.js';
import { initialiseInWorker } from './initialise-in-worker.js';
import { restrictPermissions } from './restrict-permissions.js';
import type { OpenableLocation } from './ledger-location.js';

/** An open ledger store, and how to close it (store, pool). */
export interface OpenStore {
  readonly store: LedgerStore;
  /** Where it is, for people: the directory, or the URL with its password masked. */
  readonly where: string;
  readonly location: OpenableLocation;
  close(): Promise<void>;
}

/** An open ledger over the command's provider(s), on its store. */
export interface OpenLedger extends OpenStore {
  readonly ledger: Ledger;
}

/** Files PGlite leaves in a data directory it initialised; a directory without it is new. */
const DATA_MARKER = 'PG_VERSION';
/** The ledger's own files in a directory PGlite has not initialised yet (its lock, an interrupted set-up's marker). */
const OWN_FILES = 'reversal-ledger';

/** False for an embedded ledger whose directory holds no database yet (a PostgreSQL one may always be opened). */
export function ledgerExists(location: OpenableLocation): boolean {
  return location.kind !== 'pglite' || existsSync(join(location.directory, DATA_MARKER));
}

/** Opens the ledger at `location` for `providers` (at least one): see {@link openStore}. */
export async function openLedger(location: OpenableLocation, providers: readonly ReversalProvider[], io: CliIo): Promise<OpenLedger> {
  const opened = await openStore(location, io);
  return {
    ...opened,
    ledger: createLedger({ store: opened.store, ...(providers.length === 1 ? { provider: providers[0]! } : { providers }) }),
  };
}

/**
 * Opens the ledger's store at `location`, without a provider: what reads the ledger alone needs
 * (`reversal entries`), and nothing can be sent through it. A directory another process holds, or
 * a database that cannot be reached, is a configuration error (exit 3) saying what to do.
 * A new embedded ledger is initialised in a worker thread, with a line on stderr, so that Ctrl-C
 * (`io.signal`) is answered at once: exit 130, nothing sent (a store still opening is closed when
 * ready). Its directory is 0700 and its files 0600 (see `restrictPermissions`).
 */
export async function openStore(location: OpenableLocation, io: CliIo): Promise<OpenStore> {
  const where = describeLocation(location);
  const created = location.kind === 'pglite' ? prepareDirectory(location.directory, io) : 'existing';
  if (location.kind === 'pglite' && created !== 'existing') {
    // The worker's lock ends when it closes the new store; opening it here follows at once (two
    // processes setting one ledger up at the same moment: one of them is refused, exit 3).
    if ((await initialiseInWorker(location.directory, io.signal)) === 'aborted') throw interrupted();
  }
  const opening = connect(location, io.signal);
  let opened: { store: LedgerStore; pool?: pg.Pool };
  try {
    opened = await untilAborted(opening, io.signal);
  } catch (error) {
    if (error === ABORTED) {
      void opening.then(
        (late) => closeStore(late),
        () => {},
      );
      throw interrupted();
    }
    throw ledgerOpenError(error, location, where);
  }
  const { store, pool } = opened;
  if (location.kind === 'pglite' && created !== 'existing') restrictPermissions(location.directory, { self: created === 'directory' });
  return {
    store,
    where,
    location,
    async close() {
      await closeStore({ store, ...(pool ? { pool } : {}) });
      if (location.kind === 'pglite') restrictPermissions(location.directory, { self: created === 'directory' });
    },
  };
}

async function connect(location: OpenableLocation, signal: AbortSignal | undefined): Promise<{ store: LedgerStore; pool?: pg.Pool }> {
  // With the signal, PGlite's own clean-up runs on Ctrl-C too (a directory being created is removed).
  if (location.kind === 'pglite')
    return { store: await createPgliteStore({ directory: location.directory, ...(signal ? { signal } : {}) }) };
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
 * Says that PGlite is about to initialise a new ledger (seconds, once) and creates its missing
 * parents 0700; tells whether the ledger is new (`database`), and its directory too (`directory`).
 * Refuses a directory that holds other files and no database: PGlite would fill someone's folder
 * (`lost+found`, at the root of a volume, is allowed).
 */
function prepareDirectory(directory: string, io: CliIo): 'existing' | 'database' | 'directory' {
  if (existsSync(join(directory, DATA_MARKER))) return 'existing';
  const exists = existsSync(directory);
  const isOurs = (name: string) => name.startsWith(OWN_FILES) || name === 'lost+found';
  const present = exists ? readdirSync(directory).filter((name) => !isOurs(name)) : [];
  if (present.length > 0) {
    throw new CliError('configuration', `The directory ${directory} holds other files and no ledger. Nothing was sent.`, {
      hint: 'Give --ledger (or REVERSAL_LEDGER) a new or empty directory for the ledger, or the directory of an existing one.',
    });
  }
  mkdirSync(dirname(directory), { recursive: true, mode: 0o700 });
  io.stderr.write(`Creating the ledger in ${directory} (once, a few seconds)…\n`);
  return exists ? 'database' : 'directory';
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
