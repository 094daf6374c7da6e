import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * What a lock file says about its holder. Only `pid` and `host` are sure to be there (a lock file
 * written by an earlier version holds nothing else); the rest is absent where it cannot be read.
 */
export interface LockRecord {
  readonly pid: number;
  readonly host: string;
  readonly platform?: string;
  /** The kernel's boot id (`/proc/sys/kernel/random/boot_id`): equal only for one kernel, one boot. */
  readonly bootId?: string;
  /** The pid namespace (`/proc/self/ns/pid`, e.g. `pid:[4026531836]`): a pid means something only inside it. */
  readonly pidNamespace?: string;
  /** The process's start time in clock ticks after boot (`/proc/<pid>/stat`): tells a reused pid apart. */
  readonly startTime?: number;
  /** Random, one per lock taken: how a holder recognises its own lock file. */
  readonly token?: string;
  /** The name, inside the directory, of the Unix socket the holder listens on while it lives. */
  readonly socket?: string;
  /** The holder's promise: it refreshes the file's modification time every `heartbeatMs`… */
  readonly heartbeatMs?: number;
  /** …and counts as dead once the file has not been refreshed for `staleAfterMs`. */
  readonly staleAfterMs?: number;
  readonly since?: string;
}

const readOr = <T>(read: () => T): T | undefined => {
  try {
    return read();
  } catch {
    return undefined;
  }
};

/** Field 22 of `/proc/<pid>/stat`, counted after the command name (which may hold spaces and brackets). */
function startTimeOf(pid: number | 'self'): number | undefined {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const value = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
  return Number.isSafeInteger(value) ? value : undefined;
}

let own: Omit<LockRecord, 'token' | 'socket' | 'heartbeatMs' | 'staleAfterMs' | 'since'> | undefined;

/** This process, as a lock file describes it (read once: none of it changes while the process lives). */
export function ownIdentity(): NonNullable<typeof own> {
  if (own) return own;
  // /proc is trusted for pids only where it shows this process under its own pid: a /proc mounted for
  // another pid namespace (a namespace entered without remounting it) would misname every process.
  const procIsOurs = readOr(() => readlinkSync('/proc/self')) === String(process.pid);
  own = {
    pid: process.pid,
    host: hostname(),
    platform: process.platform,
    bootId: readOr(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()) || undefined,
    pidNamespace: procIsOurs ? readOr(() => readlinkSync('/proc/self/ns/pid')) : undefined,
    startTime: procIsOurs ? readOr(() => startTimeOf('self')) : undefined,
  };
  return own;
}

/** Parses a lock file's text; `undefined` when it names no holder (being written, or damaged). */
export function parseLockRecord(text: string): LockRecord | undefined {
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    if (!Number.isSafeInteger(parsed.pid) || typeof parsed.host !== 'string') return undefined;
    const text_ = (key: string) => (typeof parsed[key] === 'string' ? (parsed[key] as string) : undefined);
    const count = (key: string) => (Number.isSafeInteger(parsed[key]) && (parsed[key] as number) > 0 ? (parsed[key] as number) : undefined);
    return {
      pid: parsed.pid as number,
      host: parsed.host,
      platform: text_('platform'),
      bootId: text_('bootId'),
      pidNamespace: text_('pidNamespace'),
      startTime: count('startTime'),
      token: text_('token'),
      // Only a name this library gives: the file never makes a prober connect elsewhere.
      socket: /^reversal-ledger-[0-9a-f]{8}\.sock$/.test(text_('socket') ?? '') ? text_('socket') : undefined,
      heartbeatMs: count('heartbeatMs'),
      staleAfterMs: count('staleAfterMs'),
      since: text_('since'),
    };
  } catch {
    return undefined;
  }
}

/** True when the holder runs on this very kernel (this boot), so a Unix socket it listens on reaches it. */
export function onThisKernel(record: LockRecord): boolean {
  return record.bootId !== undefined && record.bootId === ownIdentity().bootId;
}

/**
 * True when the holder's pid can be checked from here: the same kernel and pid namespace, or, where
 * the operating system has no pid namespaces (not Linux), the same host.
 */
export function inThisPidNamespace(record: LockRecord): boolean {
  const me = ownIdentity();
  if (me.pidNamespace !== undefined) return onThisKernel(record) && record.pidNamespace === me.pidNamespace;
  return me.platform !== 'linux' && record.platform === me.platform && record.bootId === undefined && record.host === me.host;
}

/**
 * Whether the holder (in this pid namespace: see {@link inThisPidNamespace}) still runs: `this-process`
 * when it is this very process. A pid now used by a process started at another time is `dead`.
 */
export function processState(record: LockRecord): 'alive' | 'dead' | 'this-process' {
  const me = ownIdentity();
  if (record.startTime !== undefined && me.startTime !== undefined) {
    let startTime: number | undefined;
    try {
      startTime = startTimeOf(record.pid);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'dead';
    }
    if (startTime !== undefined) {
      if (startTime !== record.startTime) return 'dead';
      return record.pid === me.pid ? 'this-process' : 'alive';
    }
  }
  // Without start times, our own pid in the file was written by an earlier process (a container
  // restarted as pid 1) unless this process holds the lock, which the caller checks by token.
  if (record.pid === me.pid) return 'dead';
  try {
    process.kill(record.pid, 0);
    return 'alive';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? 'alive' : 'dead';
  }
}
