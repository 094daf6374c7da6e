import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LedgerError } from '../ledger-error.js';
import { createPgliteStore } from './create-pglite-store.js';
import { LOCK_FILE_NAME, lockDirectory } from './directory-lock.js';

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

describe('lockDirectory', () => {
  it('refuses a second lock in the same process and frees the directory on release', () => {
    const dir = directory();
    const lock = lockDirectory(dir);
    expect(() => lockDirectory(dir)).toThrow(/already open in this process/);
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
    lockDirectory(dir).release();
  });

  it('refuses a directory a live process holds, naming it and pointing to PostgreSQL', { timeout: 60_000 }, async () => {
    const dir = directory();
    const holder = await startChild(dir, 'lock-only', /locked/);
    const error = (() => {
      try {
        lockDirectory(dir);
      } catch (caught) {
        return caught;
      }
    })();
    expect(LedgerError.isInstance(error, 'ERR_LEDGER_LOCKED')).toBe(true);
    expect(error).toMatchObject({ holderPid: holder.pid });
    expect((error as Error).message).toMatch(new RegExp(`process ${holder.pid}.*use PostgreSQL for several processes`));
  });

  it('reclaims a lock whose holder is dead', () => {
    const dir = directory();
    writeFileSync(join(dir, LOCK_FILE_NAME), JSON.stringify({ pid: deadPid(), host: hostname() }));
    const lock = lockDirectory(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('never reclaims a lock held on another host', () => {
    const dir = directory();
    writeFileSync(join(dir, LOCK_FILE_NAME), JSON.stringify({ pid: deadPid(), host: `not-${hostname()}` }));
    expect(() => lockDirectory(dir)).toThrow(/on host not-/);
  });

  it('reclaims a lock left by an earlier process with this pid (a restarted container)', () => {
    const dir = directory();
    writeFileSync(join(dir, LOCK_FILE_NAME), JSON.stringify({ pid: process.pid, host: hostname() }));
    lockDirectory(dir).release();
  });

  it('is released when the holding process exits', async () => {
    const dir = directory();
    await new Promise((resolve) =>
      spawn(process.execPath, ['--import', 'tsx', child, dir, 'lock-and-exit'], { cwd: repository, stdio: 'ignore' }).on('exit', resolve),
    );
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
    // A child initialising a new PGlite directory takes seconds, more on a busy machine.
  }, 60_000);
});

describe('PGlite store after kill -9', () => {
  it('reopens a directory whose process was killed mid-write: stale lock reclaimed, data intact', async () => {
    const dir = directory();
    const writer = await startChild(dir, 'write', /recorded 3\n/);
    const exited = new Promise((resolve) => writer.on('exit', resolve));
    writer.kill('SIGKILL');
    await exited;
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8'))).toMatchObject({ pid: writer.pid });

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
    // A child initialising a new PGlite directory takes seconds, more on a busy machine.
  }, 60_000);
});
