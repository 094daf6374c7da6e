import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LedgerError } from '../ledger-error.js';
import { createPgliteStore } from './create-pglite-store.js';
import { LOCK_FILE_NAME, lockDirectory } from './directory-lock.js';
import { type LockRecord, ownIdentity } from './lock-record.js';
import { listenLockSocket } from './lock-socket.js';

const root = mkdtempSync(join(tmpdir(), 'ledger-lock-'));
const repository = fileURLToPath(new URL('../../../../', import.meta.url));
const child = fileURLToPath(new URL('./hold-store.child.ts', import.meta.url));
const children: ChildProcess[] = [];
let count = 0;
const directory = () => mkdtempSync(join(root, `dir${++count}-`));

afterEach(() => {
  for (const each of children.splice(0)) each.kill('SIGKILL');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Starts the child on `dir` and resolves once its output matches `ready`. */
function startChild(dir: string, mode: string, ready: RegExp): Promise<ChildProcess> {
  const process_ = spawn(process.execPath, ['--import', 'tsx', child, dir, mode], { cwd: repository, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(process_);
  return new Promise((resolve, reject) => {
    let output = '';
    process_.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) resolve(process_);
    });
    process_.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    process_.on('exit', () => reject(new Error(`child exited before it was ready: ${output}`)));
  });
}

/** The pid of a process that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

/** Writes a lock file as a holder described by `changes` would, its last heartbeat `silentMs` ago. */
function writeLock(dir: string, changes: Partial<LockRecord>, silentMs = 0): string {
  const path = join(dir, LOCK_FILE_NAME);
  const since = new Date().toISOString();
  const record = { ...ownIdentity(), token: randomUUID(), heartbeatMs: 100, staleAfterMs: 1_000, since, ...changes };
  writeFileSync(path, JSON.stringify(record));
  const at = (Date.now() - silentMs) / 1000;
  utimesSync(path, at, at);
  return path;
}

async function refusal(attempt: Promise<unknown>): Promise<LedgerError> {
  const error = await attempt.then(
    () => new Error('the lock was taken'),
    (caught: unknown) => caught,
  );
  expect(LedgerError.isInstance(error, 'ERR_LEDGER_LOCKED'), String(error)).toBe(true);
  return error as LedgerError;
}

const holder = (dir: string) => JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')) as LockRecord;
const anotherMachine = { host: `not-${hostname()}`, bootId: randomUUID(), pidNamespace: 'pid:[4026531836]', socket: undefined };

describe('lockDirectory', () => {
  it('writes who holds it (pid, host, kernel, pid namespace, socket), private to its owner', async () => {
    const dir = directory();
    const lock = await lockDirectory(dir);
    expect(holder(dir)).toMatchObject({ pid: process.pid, host: hostname(), heartbeatMs: 3_000, staleAfterMs: 30_000 });
    if (process.platform === 'linux') {
      expect(holder(dir)).toMatchObject({ bootId: expect.any(String), pidNamespace: expect.stringMatching(/^pid:\[\d+\]$/) });
    }
    expect(statSync(lock.path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toContain(holder(dir).socket);
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a second lock in the same process and frees the directory on release', async () => {
    const dir = directory();
    const lock = await lockDirectory(dir);
    expect((await refusal(lockDirectory(dir))).message).toMatch(/already open in this process/);
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
    (await lockDirectory(dir)).release();
  });

  it('refuses a directory a live process holds, naming it and pointing to PostgreSQL', { timeout: 60_000 }, async () => {
    const dir = directory();
    const holding = await startChild(dir, 'lock-only', /locked/);
    const error = await refusal(lockDirectory(dir));
    expect(error).toMatchObject({ holderPid: holding.pid });
    expect(error.message).toMatch(new RegExp(`process ${holding.pid}.*use PostgreSQL for several processes`));
  });

  it('reclaims at once a lock whose holder is dead in this pid namespace', async () => {
    const dir = directory();
    writeLock(dir, { pid: deadPid(), socket: undefined });
    const lock = await lockDirectory(dir);
    expect(holder(dir)).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('reclaims a lock of this pid written by an earlier process (a restarted container): its start time differs', async () => {
    const dir = directory();
    writeLock(dir, { startTime: (ownIdentity().startTime ?? 1) + 1, socket: undefined });
    (await lockDirectory(dir)).release();
  });

  it('takes the word of the holder’s socket on this kernel, whatever its pid namespace', async () => {
    const dir = directory();
    const socket = 'reversal-ledger-0123abcd.sock';
    const server = listenLockSocket(join(dir, socket))!;
    // Stale and in another pid namespace, but its socket answers: the holder lives (frozen, say).
    writeLock(dir, { pid: 1, pidNamespace: 'pid:[1]', socket }, 60_000);
    const error = await refusal(lockDirectory(dir, { staleAfterMs: 1_000 }));
    expect(error.message).toMatch(/held by process 1 on host .* in another pid namespace/);
    server.close();
  });

  it('never takes at once a lock held on another machine: it says when the heartbeat counts as stale', async () => {
    const dir = directory();
    writeLock(dir, { ...anotherMachine, pid: deadPid(), staleAfterMs: 20_000 });
    const error = await refusal(lockDirectory(dir, { staleAfterMs: 1_000 }));
    expect(error.message).toMatch(/on host not-.*cannot be checked from here.*last heartbeat was \d+ s ago;/);
    expect(error.message).toMatch(/it counts as stale once none has come for 20 s \(not before \d{4}-/);
  });

  it('takes over a lock on another machine whose heartbeat stopped longer than the stale period ago', async () => {
    const dir = directory();
    writeLock(dir, { ...anotherMachine, pid: 4242 }, 5_000);
    const lock = await lockDirectory(dir, { staleAfterMs: 1_000 });
    expect(holder(dir)).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('waits for the longer of its own stale period and the holder’s', async () => {
    const dir = directory();
    writeLock(dir, { ...anotherMachine, pid: 4242 }, 5_000);
    expect((await refusal(lockDirectory(dir, { staleAfterMs: 60_000 }))).message).toMatch(/stale once none has come for 60 s/);
  });

  it('does not take over a stale-looking lock whose heartbeat moves while it watches (a clock that jumped)', async () => {
    const dir = directory();
    const path = writeLock(dir, { ...anotherMachine, pid: 4242, heartbeatMs: 500, staleAfterMs: 10_000 }, 15_000);
    // lockDirectory runs up to its watch before this line: the holder's heartbeat comes during the watch.
    const taking = refusal(lockDirectory(dir, { staleAfterMs: 1_000 }));
    const now = Date.now() / 1000;
    utimesSync(path, now, now);
    expect((await taking).message).toMatch(/last heartbeat was \d+ s ago; it counts as stale once none has come for 10 s/);
  });

  it('never reclaims a lock of an earlier version whose pid is alive here, however old', async () => {
    const dir = directory();
    const earlierVersion = { bootId: undefined, pidNamespace: undefined, startTime: undefined, token: undefined, socket: undefined };
    writeLock(dir, { ...earlierVersion, pid: 1 }, 600_000);
    expect((await refusal(lockDirectory(dir, { staleAfterMs: 1_000 }))).message).toMatch(/held by process 1/);
  });

  it('waits before reclaiming a lock file with no readable holder (being written)', async () => {
    const dir = directory();
    const path = join(dir, LOCK_FILE_NAME);
    writeFileSync(path, '');
    expect((await refusal(lockDirectory(dir))).message).toMatch(/is being taken by another process/);
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(path, old, old);
    (await lockDirectory(dir)).release();
  });

  it('is released when the holding process exits', async () => {
    const dir = directory();
    await new Promise((resolve) =>
      spawn(process.execPath, ['--import', 'tsx', child, dir, 'lock-and-exit'], { cwd: repository, stdio: 'ignore' }).on('exit', resolve),
    );
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});

describe('a lock taken over', () => {
  const takeOver = (path: string) =>
    writeFileSync(path, JSON.stringify({ ...ownIdentity(), ...anotherMachine, pid: 4242, token: randomUUID() }));
  const lostError = (lock: { assertHeld(): void }) => {
    try {
      lock.assertHeld();
    } catch (error) {
      return error as LedgerError;
    }
    return undefined;
  };

  it('is found lost on the next heartbeat, and its holder then refuses to write', async () => {
    const dir = directory();
    const lock = await lockDirectory(dir, { staleAfterMs: 1_000 });
    takeOver(lock.path);
    await expect.poll(() => lock.lost, { timeout: 10_000 }).toMatch(/process 4242 on host not-.* took it over/);
    expect(lostError(lock)).toMatchObject({ code: 'ERR_LEDGER_LOCKED', holderPid: 4242 });
    expect(lostError(lock)?.message).toMatch(/lost its lock.*writes nothing more/);
    lock.release();
    expect(holder(dir)).toMatchObject({ pid: 4242 });
  });

  it('is found lost before the next write by a process that was frozen past its heartbeat', async () => {
    const dir = directory();
    const lock = await lockDirectory(dir, { staleAfterMs: 1_000 });
    takeOver(lock.path);
    // Blocks this thread for three heartbeats: no timer runs, as in a frozen process.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
    expect(lostError(lock)?.message).toMatch(/took it over/);
    lock.release();
  });

  it('is found lost when its lock file is deleted', async () => {
    const dir = directory();
    const lock = await lockDirectory(dir, { staleAfterMs: 1_000 });
    rmSync(lock.path);
    await expect.poll(() => lock.lost, { timeout: 10_000 }).toBe('its lock file was deleted');
    lock.release();
  });
});

describe('PGlite store after kill -9', () => {
  it('reopens a directory whose process was killed mid-write: stale lock reclaimed, data intact', async () => {
    const dir = directory();
    const writer = await startChild(dir, 'write', /recorded 3\n/);
    const exited = new Promise((resolve) => writer.on('exit', resolve));
    writer.kill('SIGKILL');
    await exited;
    expect(holder(dir)).toMatchObject({ pid: writer.pid });

    const store = await createPgliteStore({ directory: dir });
    try {
      for (const reference of ['KILL0', 'KILL1', 'KILL2', 'KILL3']) {
        expect(await store.get({ provider: 'mock', reference })).toMatchObject({ reference, attempts: [{ number: 1 }] });
      }
      expect(await store.update({ provider: 'mock', reference: 'KILL0' }, (entry) => ({ ...entry, updatedAt: new Date() }))).toBeDefined();
    } finally {
      await store.close();
    }
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
    expect(readdirSync(dir).filter((name) => name.startsWith('reversal-ledger'))).toEqual([]);
    // A child initialising a new PGlite directory takes seconds, more on a busy machine.
  }, 60_000);
});
