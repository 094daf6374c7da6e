import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LedgerError } from '../ledger-error.js';
import { type DirectoryLock, type HeldRecord, holdLock, holdsToken, LOCK_FILE_NAME } from './held-lock.js';
import { createExclusive, observe, reclaim, type Seen, UNREADABLE_GRACE_MS } from './lock-file.js';
import { inThisPidNamespace, onThisKernel, ownIdentity, processState } from './lock-record.js';
import { listenLockSocket, probeLockSocket, socketPathFits } from './lock-socket.js';

export type { DirectoryLock } from './held-lock.js';
export { LOCK_FILE_NAME } from './held-lock.js';

/** How long a lock's heartbeat may stop before a process that cannot check the holder otherwise takes it over. */
export const DEFAULT_STALE_AFTER_MS = 30_000;

/** Options of {@link lockDirectory}. */
export interface LockOptions {
  /** This holder's stale period (see {@link DEFAULT_STALE_AFTER_MS}); it heartbeats ten times as often. */
  readonly staleAfterMs?: number;
  /** Delete the directory when the lock is released: a temporary directory being initialised. */
  readonly discard?: boolean;
}

const MAX_DECLARED_MS = 86_400_000;

/**
 * Takes the exclusive lock of a PGlite data directory: a lock file created atomically (`O_EXCL`)
 * naming this process (pid, host, kernel boot id, pid namespace, start time) and a Unix socket it
 * listens on, refreshed by a heartbeat. PGlite takes no lock itself, and two processes writing one
 * directory corrupt it. A lock is taken over only when its holder is provably dead, the first
 * proof that applies:
 *
 * 1. same kernel (boot id): the kernel refuses a connection to the holder's socket — this holds
 *    across pid namespaces and containers, at once;
 * 2. same kernel and pid namespace: no process has the holder's pid and start time;
 * 3. otherwise (another machine on a shared file system, a path too long for a socket): the
 *    heartbeat has not moved for the stale period (the longer of the holder's and ours), confirmed by
 *    watching it for two more heartbeats on this process's own clock.
 *
 * Anything else is refused with `ERR_LEDGER_LOCKED`, saying who holds it and, for 3, when it will
 * count as stale. Released by `release()`, and on process exit.
 */
export async function lockDirectory(directory: string, options: LockOptions = {}): Promise<DirectoryLock> {
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const path = join(directory, LOCK_FILE_NAME);
  for (let tries = 0; tries < 5; tries += 1) {
    const lock = tryCreate(directory, staleAfterMs, options.discard ?? false);
    if (lock) return lock;
    const seen = observe(path);
    if (seen === undefined) continue;
    if (await provedDead(directory, path, seen, staleAfterMs)) reclaim(path, seen);
  }
  return refuse(path, undefined, 'keeps changing hands');
}

function tryCreate(directory: string, staleAfterMs: number, discard: boolean): DirectoryLock | undefined {
  const token = randomUUID();
  const socket = `reversal-ledger-${token.slice(0, 8)}.sock`;
  const record: HeldRecord = {
    ...ownIdentity(),
    token,
    socket: socketPathFits(join(directory, socket)) ? socket : undefined,
    heartbeatMs: Math.max(100, Math.round(staleAfterMs / 10)),
    staleAfterMs,
    since: new Date().toISOString(),
  };
  if (!createExclusive(join(directory, LOCK_FILE_NAME), JSON.stringify(record))) return undefined;
  // Listening only once the file names the socket: until then a prober finds no socket, which proves nothing.
  return holdLock(directory, record, record.socket === undefined ? undefined : listenLockSocket(join(directory, record.socket)), discard);
}

const declared = (value: number | undefined, fallback: number) => (value !== undefined && value <= MAX_DECLARED_MS ? value : fallback);

/** Resolves true when the holder is provably dead, false when the file changed meanwhile; refuses when it may live. */
async function provedDead(directory: string, path: string, seen: Seen, ownStaleAfterMs: number): Promise<boolean> {
  const record = seen.record;
  if (record === undefined) {
    if (Date.now() - seen.modifiedMs < UNREADABLE_GRACE_MS) refuse(path, undefined, 'is being taken by another process');
    return true;
  }
  const sameNamespace = inThisPidNamespace(record);
  const state = sameNamespace ? processState(record) : undefined;
  const holder = sameNamespace ? `process ${record.pid}` : `process ${record.pid} on host ${record.host}`;
  // By token: this copy of the library holds it; by start time: another copy loaded in this process does.
  if (holdsToken(record.token) || state === 'this-process') refuse(path, record.pid, 'is already open in this process (share one store)');
  if (onThisKernel(record) && record.socket !== undefined) {
    const answer = await probeLockSocket(join(directory, record.socket));
    if (answer === 'alive') {
      refuse(path, record.pid, `is held by ${holder}${sameNamespace ? '' : ' in another pid namespace (another container?)'}`);
    }
    if (answer === 'dead') return true;
  }
  if (state !== undefined) {
    if (state === 'alive') refuse(path, record.pid, `is held by ${holder}`);
    return true;
  }
  // A holder that did not say where it runs (an earlier version of this library) is alive as far as a
  // live process with its pid here suggests; dead, only once stale.
  if (record.pidNamespace === undefined && record.host === ownIdentity().host && processState(record) === 'alive') {
    refuse(path, record.pid, `is held by ${holder}`);
  }
  const staleAfterMs = Math.max(ownStaleAfterMs, declared(record.staleAfterMs, DEFAULT_STALE_AFTER_MS));
  const heartbeatMs = Math.min(declared(record.heartbeatMs, staleAfterMs / 10), staleAfterMs);
  const silentMs = Date.now() - seen.modifiedMs;
  if (silentMs < staleAfterMs) {
    refuse(
      path,
      record.pid,
      `is held by ${holder}, which cannot be checked from here (another pid namespace or machine). Its last heartbeat ` +
        `was ${Math.max(0, Math.round(silentMs / 1000))} s ago; it counts as stale once none has come for ` +
        `${Math.round(staleAfterMs / 1000)} s (not before ${new Date(seen.modifiedMs + staleAfterMs).toISOString()})`,
    );
  }
  // The file's age is measured against clocks that can jump: a live holder refreshes it within two
  // heartbeats on this process's own (monotonic) clock.
  await sleep(2 * heartbeatMs);
  const now = observe(path);
  return now !== undefined && now.text === seen.text && now.modifiedMs === seen.modifiedMs;
}

function refuse(path: string, holderPid: number | undefined, why: string): never {
  throw new LedgerError(
    'ERR_LEDGER_LOCKED',
    `The PGlite ledger directory ${why} (lock file ${path}). PGlite is single-process: use PostgreSQL for several processes, ` +
      'or stop the other process. Delete the lock file only if you are sure no process uses the directory.',
    holderPid === undefined ? {} : { holderPid },
  );
}
