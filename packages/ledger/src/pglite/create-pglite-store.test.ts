import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LedgerError } from '../ledger-error.js';
import { createPgliteStore } from './create-pglite-store.js';
import { LOCK_FILE_NAME } from './directory-lock.js';
import { MARKER_FILE_NAME } from './in-place-initialisation.js';
import { ownIdentity } from './lock-record.js';

// Each new directory is a PGlite initialisation: seconds each, more on a busy machine.
const SLOW = 180_000;
const root = mkdtempSync(join(tmpdir(), 'ledger-create-'));
const repository = fileURLToPath(new URL('../../../../', import.meta.url));
const child = fileURLToPath(new URL('./hold-store.child.ts', import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const each of children.splice(0)) each.kill('SIGKILL');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const siblings = (name: string) => readdirSync(root).filter((each) => each.startsWith(`${name}.init-`));
const databaseFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((name) => !name.startsWith('reversal-ledger')) : []);

/** Starts the child in 'open' mode on `dir`, and kills it (SIGKILL) once `ready()` holds after it said 'initialising'. */
async function killDuringInitialisation(dir: string, ready: () => boolean): Promise<void> {
  const opening = spawn(process.execPath, ['--import', 'tsx', child, dir, 'open'], { cwd: repository, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(opening);
  let output = '';
  opening.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  opening.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise((resolve) => opening.on('exit', resolve));
  const stage = () => (/opened/.test(output) ? 'opened' : /initialising/.test(output) && ready());
  await expect.poll(stage, { timeout: SLOW, interval: 20 }).toBe(true);
  opening.kill('SIGKILL');
  await exited;
}

describe('createPgliteStore: the data directory', () => {
  const created = join(root, 'parent', 'ledger');

  it('creates a new directory (and its parents) 0700, saying so once; reopening says nothing', { timeout: SLOW }, async () => {
    const initialised: string[] = [];
    const store = await createPgliteStore({ directory: created, onInitialise: (directory) => initialised.push(directory) });
    expect(initialised).toEqual([created]);
    expect(statSync(created).mode & 0o777).toBe(0o700);
    expect(statSync(join(root, 'parent')).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(root, 'parent'))).toEqual(['ledger']);
    expect(await store.get({ provider: 'mock', reference: 'NONE' })).toBeUndefined();
    await store.close();

    const again = await createPgliteStore({ directory: created, onInitialise: (directory) => initialised.push(directory) });
    await again.close();
    expect(initialised).toHaveLength(1);
  });

  it('rejects every query once its lock is taken over, and leaves the new holder’s lock file alone', { timeout: SLOW }, async () => {
    const store = await createPgliteStore({ directory: created, lockStaleAfterMs: 1_000 });
    const lockFile = join(created, LOCK_FILE_NAME);
    const other = JSON.stringify({ ...ownIdentity(), pid: 4242, host: 'elsewhere', bootId: randomUUID(), token: randomUUID() });
    writeFileSync(lockFile, other);
    await expect
      .poll(() => store.get({ provider: 'mock', reference: 'NONE' }).then(() => 'answered', (error: unknown) => error), { timeout: 10_000 })
      .toMatchObject({ code: 'ERR_LEDGER_LOCKED', holderPid: 4242, message: expect.stringMatching(/lost its lock.*took it over/) });
    const update = store.update({ provider: 'mock', reference: 'NONE' }, (entry) => entry);
    await expect(update).rejects.toMatchObject({ code: 'ERR_LEDGER_LOCKED' });
    await store.close();
    expect(readFileSync(lockFile, 'utf8')).toBe(other);
  });

  it('rejects at once when aborted during creation, then removes what it started', { timeout: SLOW }, async () => {
    const controller = new AbortController();
    const reason = new Error('stopped by the user');
    const onInitialise = () => controller.abort(reason);
    const opening = createPgliteStore({ directory: join(root, 'aborted'), signal: controller.signal, onInitialise });
    await expect(opening).rejects.toBe(reason);
    // PGlite was still initialising when the promise rejected…
    expect(siblings('aborted')).toHaveLength(1);
    // …and once it is done, nothing is left.
    await expect.poll(() => siblings('aborted'), { timeout: SLOW, interval: 100 }).toEqual([]);
    expect(existsSync(join(root, 'aborted'))).toBe(false);
  });

  it('rejects with the reason of a signal aborted already, creating nothing', async () => {
    await expect(createPgliteStore({ directory: join(root, 'never'), signal: AbortSignal.abort('no') })).rejects.toBe('no');
    expect(existsSync(join(root, 'never'))).toBe(false);
  });

  it('leaves no directory when its first set-up is killed; the next one removes the leftover and succeeds', { timeout: SLOW }, async () => {
    const dir = join(root, 'killed');
    await killDuringInitialisation(dir, () => siblings('killed').some((name) => databaseFiles(join(root, name)).length > 0));
    expect(existsSync(dir)).toBe(false);
    expect(siblings('killed')).toHaveLength(1);

    const initialised: string[] = [];
    const store = await createPgliteStore({ directory: dir, onInitialise: (directory) => initialised.push(directory) });
    await store.close();
    expect(initialised).toEqual([dir]);
    expect(siblings('killed')).toEqual([]);
  });

  it('initialises an existing empty directory (a mounted volume) in place, undoing a killed set-up', { timeout: SLOW }, async () => {
    const dir = join(root, 'volume');
    mkdirSync(join(dir, 'lost+found'), { recursive: true });
    await killDuringInitialisation(dir, () => databaseFiles(dir).length > 1);
    expect(readdirSync(dir)).toContain(MARKER_FILE_NAME);

    const initialised: string[] = [];
    const store = await createPgliteStore({ directory: dir, onInitialise: (directory) => initialised.push(directory) });
    expect(await store.get({ provider: 'mock', reference: 'NONE' })).toBeUndefined();
    await store.close();
    expect(initialised).toEqual([dir]);
    expect(readdirSync(dir)).toContain('lost+found');
    expect(readdirSync(dir)).not.toContain(MARKER_FILE_NAME);
  });

  it('refuses options it cannot use', async () => {
    const refused = (options: object) =>
      createPgliteStore({ directory: join(root, 'unused'), ...options }).catch((error: unknown) => error);
    for (const options of [{ lockStaleAfterMs: 10 }, { lockStaleAfterMs: 1.5e3 + 0.5 }, { onInitialise: 'yes' }, { signal: {} }]) {
      expect(LedgerError.isInstance(await refused(options), 'ERR_LEDGER_CONFIG'), JSON.stringify(options)).toBe(true);
    }
    expect(existsSync(join(root, 'unused'))).toBe(false);
  });
});
