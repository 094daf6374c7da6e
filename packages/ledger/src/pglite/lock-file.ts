import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { removeFile } from './held-lock.js';
import { type LockRecord, ownIdentity, parseLockRecord } from './lock-record.js';

/**
 * How long a lock file without a readable holder may stay before it is deleted: it was left by a
 * process that died between creating and writing it (writing takes microseconds).
 */
export const UNREADABLE_GRACE_MS = 10_000;

/** A lock file as read once: its text, the holder it names (if readable) and its last heartbeat. */
export interface Seen {
  readonly text: string;
  readonly record: LockRecord | undefined;
  readonly modifiedMs: number;
}

/** Creates `path` with `text` unless it exists (`O_EXCL`, mode 0600); false when it does. */
export function createExclusive(path: string, text: string): boolean {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(descriptor, text);
  } finally {
    closeSync(descriptor);
  }
  return true;
}

/** Reads the lock file at `path`; `undefined` when there is none. */
export function observe(path: string): Seen | undefined {
  try {
    const modifiedMs = statSync(path).mtimeMs;
    const text = readFileSync(path, 'utf8');
    return { text, record: parseLockRecord(text), modifiedMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Deletes a dead holder's lock file, under a second O_EXCL file so that two processes reclaiming at
 * once cannot delete each other's fresh lock: only the one holding the guard deletes, and only when
 * the file is still the one judged dead.
 */
export function reclaim(path: string, dead: Seen): void {
  const guard = `${path}.reclaim`;
  if (!createExclusive(guard, JSON.stringify(ownIdentity()))) {
    // Reclaiming takes microseconds: an old guard was left by a reclaimer that died mid-way.
    const guardSeen = observe(guard);
    if (guardSeen && Date.now() - guardSeen.modifiedMs >= UNREADABLE_GRACE_MS) removeFile(guard);
    return;
  }
  try {
    const now = observe(path);
    if (now === undefined || now.text !== dead.text || now.modifiedMs !== dead.modifiedMs) return;
    removeFile(path);
    if (dead.record?.socket !== undefined) removeFile(join(dirname(path), dead.record.socket));
  } finally {
    removeFile(guard);
  }
}
