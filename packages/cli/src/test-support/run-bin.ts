import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from './built-cli.js';

/** The XDG state directory of every run that names none: never the real user's, so no test writes there. */
const STATE_HOME = mkdtempSync(join(tmpdir(), 'reversal-cli-state-'));

/** What a run of the binary printed and how it ended. */
export interface BinRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * How to run the binary: variables (nothing inherited but PATH; `REVERSAL_LEDGER=off` unless
 * given, so that only the ledger's own tests open one; `XDG_STATE_HOME` a temporary directory
 * unless given), stdin text, working directory.
 */
export interface BinOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly input?: string;
  readonly cwd?: string;
}

/** Starts `node dist/bin.js …args` with only PATH, `REVERSAL_LEDGER=off`, `XDG_STATE_HOME` and the given variables. */
export function spawnBin(args: readonly string[], options: BinOptions = {}): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', REVERSAL_LEDGER: 'off', XDG_STATE_HOME: STATE_HOME, ...options.env },
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  child.stdin.end(options.input ?? '');
  return child;
}

/** Runs the binary to its end (killed after 60 s) and collects its output. */
export function runBin(args: readonly string[], options: BinOptions = {}): Promise<BinRun> {
  const child = spawnBin(args, options);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Resolves with the first line the process prints on stdout (the sandbox's `--json` description). */
export function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    let errors = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const end = text.indexOf('\n');
      if (end >= 0) {
        child.stdout.off('data', onData);
        resolve(text.slice(0, end));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.on('close', (code) => reject(new Error(`exited ${code} before printing a line: ${errors}`)));
  });
}

/** Resolves with the exit code (or signal) once the process has ended. */
export function exited(child: ChildProcessWithoutNullStreams): Promise<number | NodeJS.Signals | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? signal)));
}
