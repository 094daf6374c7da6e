import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { LedgerError } from '../ledger-error.js';
import { type DirectoryLock, LOCK_FILE_NAME, lockDirectory } from './directory-lock.js';
import { beginInPlace, type InPlaceInitialisation } from './in-place-initialisation.js';

/** How {@link openDataDirectory} opens a directory. */
export interface DataDirectoryOptions {
  readonly PGlite: typeof PGlite;
  /** Applied to the database before it is handed over (migrations: transactional, so not part of the atomic set-up). */
  readonly prepare: (db: PGlite) => Promise<void>;
  readonly staleAfterMs: number;
  readonly onInitialise?: ((directory: string) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** A PGlite database open in its locked directory. */
export interface OpenDatabase {
  readonly db: PGlite;
  readonly lock: DirectoryLock;
}

// A temporary directory is locked a moment after it is created; one without a lock this old is a leftover.
const LOCKLESS_GRACE_MS = 10_000;

/**
 * Locks and opens the PGlite data directory `directory` (an absolute path). A missing directory is
 * initialised aside, in `<directory>.init-<random>` (mode 0700), and renamed into place once PGlite
 * is done, so an interrupted first set-up leaves no directory; an existing one without a
 * database (an empty volume, which cannot be renamed onto) is initialised in place, and its
 * initialisation undone if interrupted. Every step checks `signal`; on failure everything this call
 * created is removed and the lock released.
 */
export async function openDataDirectory(directory: string, options: DataDirectoryOptions): Promise<OpenDatabase> {
  let announced = false;
  const announce = () => {
    if (announced) return;
    announced = true;
    options.onInitialise?.(directory);
  };
  mkdirSync(dirname(directory), { recursive: true, mode: 0o700 });
  await removeLeftovers(directory, options.staleAfterMs);
  options.signal?.throwIfAborted();
  if (!existsSync(directory)) {
    const lock = await initialiseAside(directory, options, announce);
    if (lock) return openLocked(lock, options, announce);
  }
  return openLocked(await lockDirectory(directory, { staleAfterMs: options.staleAfterMs }), options, announce);
}

/** Creates the database in a temporary sibling and renames it into place, holding its lock throughout. */
async function initialiseAside(directory: string, options: DataDirectoryOptions, announce: () => void): Promise<DirectoryLock | undefined> {
  const temporary = mkdtempSync(`${directory}.init-`);
  let lock: DirectoryLock;
  try {
    lock = await lockDirectory(temporary, { staleAfterMs: options.staleAfterMs, discard: true });
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
  let db: PGlite | undefined;
  try {
    announce();
    db = await options.PGlite.create(temporary);
    // Closed before the rename: PGlite's file system reaches its files by path.
    await db.close();
    db = undefined;
    options.signal?.throwIfAborted();
    lock.assertHeld();
    try {
      renameSync(temporary, directory);
    } catch (error) {
      if (!existsSync(directory)) throw error;
      // Another process created it meanwhile: open theirs (or be refused by their lock).
      lock.release();
      return undefined;
    }
    lock.moveTo(directory);
    return lock;
  } catch (error) {
    // After losing the lock, even closing (a checkpoint) would write into another process's directory.
    if (lock.lost === undefined) await db?.close().catch(() => {});
    lock.release();
    throw error;
  }
}

async function openLocked(lock: DirectoryLock, options: DataDirectoryOptions, announce: () => void): Promise<OpenDatabase> {
  let initialisation: InPlaceInitialisation | undefined;
  let db: PGlite | undefined;
  try {
    initialisation = beginInPlace(lock.directory);
    if (initialisation) announce();
    db = await options.PGlite.create(lock.directory);
    options.signal?.throwIfAborted();
    await options.prepare(db);
    options.signal?.throwIfAborted();
    lock.assertHeld();
    initialisation?.finish();
    return { db, lock };
  } catch (error) {
    if (lock.lost === undefined) {
      await db?.close().catch(() => {});
      initialisation?.undo();
    }
    lock.release();
    throw error;
  }
}

/** Removes `<directory>.init-*` directories left by interrupted set-ups whose process is gone. */
async function removeLeftovers(directory: string, staleAfterMs: number): Promise<void> {
  const prefix = `${basename(directory)}.init-`;
  for (const name of readdirSync(dirname(directory))) {
    if (!name.startsWith(prefix)) continue;
    const leftover = join(dirname(directory), name);
    try {
      if (!existsSync(join(leftover, LOCK_FILE_NAME)) && Date.now() - statSync(leftover).mtimeMs < LOCKLESS_GRACE_MS) continue;
      // Taking its lock proves its process dead; releasing it deletes the directory.
      (await lockDirectory(leftover, { staleAfterMs, discard: true })).release();
    } catch (error) {
      // Still being initialised by a live process, or gone meanwhile: not ours to remove.
      const gone = ['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '');
      if (!gone && !LedgerError.isInstance(error, 'ERR_LEDGER_LOCKED')) throw error;
    }
  }
}
