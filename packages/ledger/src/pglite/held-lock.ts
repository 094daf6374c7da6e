import { readFileSync, rmSync, unlinkSync, utimesSync } from 'node:fs';
import type { Server } from 'node:net';
import { join } from 'node:path';
import { LedgerError } from '../ledger-error.js';
import { type LockRecord, parseLockRecord } from './lock-record.js';

/** The lock file's name inside a PGlite data directory. */
export const LOCK_FILE_NAME = 'reversal-ledger.lock';

/**
 * A held lock on a data directory. While held, it refreshes the lock file's modification time every
 * heartbeat and checks that the file is still its own; `release()` is safe to call more than once.
 */
export interface DirectoryLock {
  /** The locked directory: where {@link DirectoryLock.moveTo} last moved it. */
  readonly directory: string;
  /** The lock file. */
  readonly path: string;
  /** Why the lock was lost (another process took the file over, or it was deleted); `undefined` while held. */
  readonly lost: string | undefined;
  /**
   * Throws `ERR_LEDGER_LOCKED` once the lock is lost: call it before every write. A heartbeat that is
   * overdue (the event loop was blocked, the process frozen) is done here first, so a process that
   * wakes up after another took the directory over finds out before it writes.
   */
  assertHeld(): void;
  /** Follows the directory to `directory` after it was renamed there (in the same tick as the rename). */
  moveTo(directory: string): void;
  release(): void;
}

/** What the holder needs of its own lock record. */
export type HeldRecord = LockRecord & { readonly token: string; readonly heartbeatMs: number; readonly staleAfterMs: number };

const held = new Map<string, DirectoryLock>();
let exitHookInstalled = false;

/** True when this process holds the lock whose file carries `token`. */
export const holdsToken = (token: string | undefined): boolean => token !== undefined && held.has(token);

/**
 * Starts holding a lock whose file was just created with `record`. With `discard`, releasing it also
 * deletes the directory (a temporary one being initialised), unless it was moved or lost first.
 */
export function holdLock(directory: string, record: HeldRecord, socket: Server | undefined, discard: boolean): DirectoryLock {
  let lostReason: string | undefined;
  let takenBy: number | undefined;
  let released = false;
  let path = join(directory, LOCK_FILE_NAME);
  let lastBeat = performance.now();
  const timer = setInterval(() => beat(), record.heartbeatMs).unref();

  const lose = (reason: string) => {
    lostReason = reason;
    clearInterval(timer);
    closeSocket();
  };
  const closeSocket = () => {
    if (!socket || record.socket === undefined) return;
    socket.close();
    socket = undefined;
    removeFile(join(directory, record.socket));
  };
  const beat = () => {
    if (lostReason !== undefined || released) return;
    try {
      const current = parseLockRecord(readFileSync(path, 'utf8'));
      if (current?.token !== record.token) {
        takenBy = current?.pid;
        return lose(current ? `process ${current.pid} on host ${current.host} took it over` : 'its lock file was overwritten');
      }
      const now = Date.now() / 1000;
      utimesSync(path, now, now);
      lastBeat = performance.now();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return lose('its lock file was deleted');
      // Others count this lock as dead once the heartbeat stops for staleAfterMs: stop well before.
      if (performance.now() - lastBeat > record.staleAfterMs / 2) lose(`its heartbeat could not be written (${code ?? String(error)})`);
    }
  };

  const lock: DirectoryLock = {
    get directory() {
      return directory;
    },
    get path() {
      return path;
    },
    get lost() {
      return lostReason;
    },
    assertHeld() {
      if (lostReason === undefined && !released && performance.now() - lastBeat > record.heartbeatMs * 1.5) beat();
      if (lostReason !== undefined) {
        throw new LedgerError(
          'ERR_LEDGER_LOCKED',
          `The PGlite ledger store lost its lock on ${directory}: ${lostReason}. It writes nothing more, so that two processes ` +
            'never write one directory: close this store, and open it again once no other process uses the directory ' +
            '(PGlite is single-process: use PostgreSQL for several processes).',
          takenBy === undefined ? {} : { holderPid: takenBy },
        );
      }
    },
    moveTo(to) {
      directory = to;
      path = join(to, LOCK_FILE_NAME);
      discard = false;
    },
    release() {
      if (released) return;
      released = true;
      held.delete(record.token);
      clearInterval(timer);
      if (lostReason !== undefined) return;
      if (parseLockRecord(readOrEmpty(path))?.token === record.token) removeFile(path);
      closeSocket();
      if (discard) rmSync(directory, { recursive: true, force: true });
    },
  };
  held.set(record.token, lock);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const each of [...held.values()]) each.release();
    });
  }
  return lock;
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Deletes a file that may already be gone. */
export function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
