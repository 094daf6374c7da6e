import { type ChildProcess, fork } from 'node:child_process';

/** A child process that answers each request message with one reply, in order. */
export interface Child {
  /** Sends a request and resolves with the child's reply (rejects if the child reports an error or exits). */
  call<T>(message: unknown): Promise<T>;
  /** Asks the child to exit and waits for it. */
  stop(): Promise<void>;
  readonly pid: number | undefined;
}

/**
 * Starts `entry` (a file of `dist/`) with `args` in a fresh Node process with an IPC channel.
 * Each child has a process of its own so that nothing one client imports (undici 7 installs
 * itself as the global dispatcher) changes another's HTTP path.
 */
export function startChild(entry: string, args: readonly string[] = [], execArgv: readonly string[] = []): Child {
  const child: ChildProcess = fork(entry, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [...execArgv] });
  const waiting: { resolve: (value: unknown) => void; reject: (error: Error) => void }[] = [];
  let exited: Error | undefined;

  child.on('message', (reply: { ok: boolean; value?: unknown; error?: string }) => {
    const next = waiting.shift();
    if (!next) return;
    if (reply.ok) next.resolve(reply.value);
    else next.reject(new Error(`${entry} ${args.join(' ')}: ${reply.error}`));
  });
  child.on('exit', (code, signal) => {
    exited = new Error(`${entry} ${args.join(' ')} exited (${signal ?? code})`);
    for (const next of waiting.splice(0)) next.reject(exited);
  });

  return {
    pid: child.pid,
    call<T>(message: unknown) {
      if (exited) return Promise.reject(exited);
      return new Promise<T>((resolve, reject) => {
        waiting.push({ resolve: resolve as (value: unknown) => void, reject });
        child.send(message as object);
      });
    },
    stop() {
      if (exited) return Promise.resolve();
      return new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'exit' });
      });
    },
  };
}
