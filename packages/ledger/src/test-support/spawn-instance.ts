// Starts a child process of the ledger's tests and reads its JSON lines (not part of the public surface).
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repository = fileURLToPath(new URL('../../../../', import.meta.url));

/** A child process speaking JSON lines: every line it printed, and a way to wait for one. */
export interface JsonLineChild {
  readonly process: ChildProcess;
  readonly lines: Record<string, unknown>[];
  /** Sends one command as a JSON line on its stdin. */
  send(command: unknown): void;
  /** Resolves with the first line (already printed or to come) that `match` accepts. */
  next(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  /** Everything it wrote on stderr, for failure messages. */
  stderr(): string;
}

/** Runs `script` (a TypeScript file beside the sources) with `args` under tsx, from the repository root. */
export function spawnJsonLineChild(script: URL, args: readonly string[], env: NodeJS.ProcessEnv = {}): JsonLineChild {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(script), ...args], {
    cwd: repository,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  const waiting = new Set<() => void>();
  let errors = '';
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const complete = buffered.split('\n');
    buffered = complete.pop()!;
    for (const text of complete) {
      if (text.trim() === '') continue;
      try {
        lines.push(JSON.parse(text) as Record<string, unknown>);
      } catch {
        errors += `${text}\n`;
      }
    }
    for (const wake of [...waiting]) wake();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  child.on('exit', () => {
    for (const wake of [...waiting]) wake();
  });
  return {
    process: child,
    lines,
    send: (command) => child.stdin!.write(`${JSON.stringify(command)}\n`),
    stderr: () => errors,
    next(match) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = lines.find(match);
          if (found) {
            waiting.delete(check);
            resolve(found);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            waiting.delete(check);
            reject(new Error(`the child ended (${child.exitCode ?? child.signalCode}) before printing the line awaited:\n${errors}`));
          }
        };
        waiting.add(check);
        check();
      });
    },
  };
}
