// Two pid namespaces on one PGlite directory: what two containers sharing a volume and a hostname
// look like to the lock. Each process runs under `unshare --pid --fork --mount-proc`, so it is pid 1
// of its own namespace and cannot see the other's pid (the reported bug: a contender, pid 1 itself,
// took the holder's "pid 1" lock for its own earlier incarnation and opened the store beside it).
//
// What this covers: one kernel (so one boot id), separate pid namespaces (and mount namespaces, for
// /proc), one hostname, one local file system. The holder is proved alive, then dead at once, by its
// Unix socket; and with a directory path too long for a socket, by its heartbeat alone, taken over
// only once stale. It does not cover separate kernels (other machines on NFS, gVisor/Kata sandboxes)
// nor separate hostnames: there the lock relies on the heartbeat as in the second test, and on
// clocks that agree within the stale period. Skipped where `unshare --pid` is missing or not permitted
// (it needs root, or unprivileged user namespaces).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LedgerError } from '../ledger-error.js';
import { LOCK_FILE_NAME, lockDirectory } from './directory-lock.js';

const repository = fileURLToPath(new URL('../../../../', import.meta.url));
const child = fileURLToPath(new URL('./hold-store.child.ts', import.meta.url));
const UNSHARE = ['--pid', '--fork', '--mount-proc', '--kill-child=SIGKILL'];

const probe = process.platform === 'linux' ? spawnSync('unshare', [...UNSHARE, 'true'], { encoding: 'utf8' }) : undefined;
const skipReason =
  probe === undefined
    ? 'pid namespaces exist on Linux only'
    : probe.error
      ? `unshare is not available (${probe.error.message})`
      : probe.status !== 0
        ? `unshare --pid is not permitted here (${probe.stderr.trim()})`
        : undefined;
if (skipReason) console.warn(`Skipping the pid-namespace lock tests: ${skipReason}.`);

const root = mkdtempSync(join(tmpdir(), 'ledger-ns-'));
const running: ChildProcess[] = [];
afterEach(() => {
  for (const each of running.splice(0)) each.kill('SIGKILL');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs the child script in a new pid namespace; `lines` collects its stdout, `exited` settles when it ends. */
function inNewNamespace(args: string[]) {
  const process_ = spawn('unshare', [...UNSHARE, process.execPath, '--import', 'tsx', child, ...args], {
    cwd: repository,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(process_);
  let output = '';
  process_.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  process_.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => process_.on('exit', () => resolve()));
  return {
    process: process_,
    output: () => output,
    exited,
    /** Resolves once the output matches `pattern`; rejects if the process ends first. */
    async waitFor(pattern: RegExp): Promise<RegExpMatchArray> {
      for (;;) {
        const match = output.match(pattern);
        if (match) return match;
        if (process_.exitCode !== null || process_.signalCode !== null) throw new Error(`ended before ${pattern}:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    /** Kills the namespace's pid 1 (the child script) with SIGKILL, and waits until it is gone. */
    async killHard() {
      const pid = Number(readFileSync(`/proc/${process_.pid}/task/${process_.pid}/children`, 'utf8').trim());
      process.kill(pid, 'SIGKILL');
      await exited;
    },
  };
}

const holderRecord = (dir: string) => JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')) as { pid: number; pidNamespace: string };

const title = `two pid namespaces, one PGlite directory${skipReason ? ` (skipped: ${skipReason})` : ''}`;
describe.skipIf(skipReason !== undefined)(title, () => {
  it('refuses a contender while the holder writes, though both are pid 1; reopens at once, entries intact, once it is killed', async () => {
    const dir = join(root, 'shared');
    const holder = inNewNamespace([dir, 'write']);
    await holder.waitFor(/recorded 2\n/);
    expect(holderRecord(dir)).toMatchObject({ pid: 1 });

    const contender = inNewNamespace([dir, 'contend']);
    await contender.exited;
    const refused = JSON.parse((await contender.waitFor(/^\{.*\}$/m))[0]) as Record<string, unknown>;
    expect(refused).toMatchObject({ code: 'ERR_LEDGER_LOCKED', holderPid: 1 });
    expect(refused.message).toMatch(/held by process 1 on host .* in another pid namespace/);
    // The holder never stopped: the contender opened nothing beside it.
    const before = Number((await holder.waitFor(/recorded (\d+)\n$/))[1]);
    await holder.waitFor(new RegExp(`recorded ${before + 2}\\n`));

    await holder.killHard();
    const last = Math.max(...[...holder.output().matchAll(/recorded (\d+)\n/g)].map((match) => Number(match[1])));
    const next = inNewNamespace([dir, 'contend']);
    await next.exited;
    const opened = JSON.parse((await next.waitFor(/^\{.*\}$/m))[0]) as { opened?: boolean; entries?: number };
    expect(opened, next.output()).toMatchObject({ opened: true });
    expect(opened.entries).toBeGreaterThanOrEqual(last + 1);
    // A new directory is initialised in the holder: seconds, more on a busy machine.
  }, 180_000);

  it('without a socket (path too long for one), takes over a killed holder in another namespace only once stale', async () => {
    const dir = join(root, 'a-directory-whose-path-is-longer-than-a-unix-socket-address-can-hold-0123456789');
    mkdirSync(dir);
    const staleAfterMs = 3_000;
    const holder = inNewNamespace([dir, 'lock-only', String(staleAfterMs)]);
    await holder.waitFor(/locked\n/);
    expect(holderRecord(dir)).not.toHaveProperty('socket', expect.any(String));

    const alive = await lockDirectory(dir, { staleAfterMs: 1_000 }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(LedgerError.isInstance(alive, 'ERR_LEDGER_LOCKED')).toBe(true);
    expect((alive as Error).message).toMatch(/held by process 1 on host .*cannot be checked from here.*stale once none has come for 3 s/);

    await holder.killHard();
    const lastHeartbeat = statSync(join(dir, LOCK_FILE_NAME)).mtimeMs;
    for (;;) {
      try {
        const lock = await lockDirectory(dir, { staleAfterMs: 1_000 });
        // Never before the holder's stale period has passed since its last heartbeat.
        expect(Date.now() - lastHeartbeat).toBeGreaterThanOrEqual(staleAfterMs);
        lock.release();
        break;
      } catch (error) {
        if (!LedgerError.isInstance(error, 'ERR_LEDGER_LOCKED')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }, 60_000);
});
