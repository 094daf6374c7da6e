import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LedgerError } from '../ledger-error.js';

/** The lock file's name inside a PGlite data directory. */
export const LOCK_FILE_NAME = 'reversal-ledger.lock';

/** A held lock on a data directory; `release()` is safe to call more than once. */
export interface DirectoryLock {
  readonly path: string;
  release(): void;
}

interface Holder {
  readonly pid: number;
  readonly host: string;
}

// A lock file without a readable holder this old was left by a process that died between
// creating and writing it (writing takes microseconds).
const UNREADABLE_GRACE_MS = 10_000;
const held = new Set<DirectoryLock>();
let exitHookInstalled = false;

/**
 * Takes the exclusive lock of a PGlite data directory: a lock file holding this process's pid,
 * created atomically (`O_EXCL`). PGlite takes no lock itself, and two processes writing one
 * directory corrupt it. A lock left by a dead process is reclaimed; one held by a live process
 * (or by another host, whose processes cannot be checked) is never taken: that is refused with
 * `ERR_LEDGER_LOCKED`. Released by `release()`, and on process exit.
 */
export function lockDirectory(directory: string): DirectoryLock {
  const path = join(directory, LOCK_FILE_NAME);
  for (let tries = 0; tries < 5; tries += 1) {
    if (tryCreate(path)) return hold(path);
    const holder = readHolder(path);
    if (holder === 'missing') continue;
    if (holder === 'unreadable') {
      if (Date.now() - modifiedAt(path) < UNREADABLE_GRACE_MS) refuse(path, undefined, 'is being taken by another process');
    } else if (holder.pid === process.pid && holder.host === hostname()) {
      // Our own pid: held by this process right now, or left by an earlier process that had the
      // same pid (a container restarted as pid 1).
      if ([...held].some((lock) => lock.path === path)) refuse(path, holder.pid, 'is already open in this process (share one store)');
    } else if (isAlive(holder)) {
      refuse(path, holder.pid, holder.host === hostname() ? `is held by process ${holder.pid}` : `is held by process ${holder.pid} on host ${holder.host}`);
    }
    reclaim(path, holder);
  }
  return refuse(path, undefined, 'keeps changing hands');
}

function tryCreate(path: string): boolean {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(descriptor, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
  } finally {
    closeSync(descriptor);
  }
  return true;
}

function readHolder(path: string): Holder | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<Holder>;
    if (Number.isSafeInteger(parsed.pid) && typeof parsed.host === 'string') return { pid: parsed.pid!, host: parsed.host };
  } catch {
    // Unreadable: see UNREADABLE_GRACE_MS.
  }
  return 'unreadable';
}

function isAlive(holder: Holder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Deletes a stale lock file, under a second O_EXCL file so that two processes reclaiming at once
 * cannot delete each other's fresh lock: only the one holding the guard deletes, and only when
 * the file still names the same dead holder.
 */
function reclaim(path: string, stale: Holder | 'unreadable'): void {
  const guard = `${path}.reclaim`;
  if (!tryCreate(guard)) {
    const guardHolder = readHolder(guard);
    if (guardHolder !== 'missing' && guardHolder !== 'unreadable' && isAlive(guardHolder)) return;
    // The reclaimer died mid-way; the next round retries.
    safeUnlink(guard);
    return;
  }
  try {
    const now = readHolder(path);
    const same = now === stale || (typeof now === 'object' && typeof stale === 'object' && now.pid === stale.pid && now.host === stale.host);
    if (same) safeUnlink(path);
  } finally {
    safeUnlink(guard);
  }
}

function hold(path: string): DirectoryLock {
  const lock: DirectoryLock = {
    path,
    release() {
      if (!held.delete(lock)) return;
      if (isOurs(path)) safeUnlink(path);
    },
  };
  held.add(lock);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const each of [...held]) each.release();
    });
  }
  return lock;
}

function isOurs(path: string): boolean {
  const holder = readHolder(path);
  return typeof holder === 'object' && holder.pid === process.pid && holder.host === hostname();
}

function modifiedAt(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function safeUnlink(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function refuse(path: string, holderPid: number | undefined, why: string): never {
  throw new LedgerError(
    'ERR_LEDGER_LOCKED',
    `The PGlite ledger directory ${why} (lock file ${path}). PGlite is single-process: use PostgreSQL for several processes, ` +
      'or stop the other process. Delete the lock file only if you are sure no process uses the directory.',
    holderPid === undefined ? {} : { holderPid },
  );
}
