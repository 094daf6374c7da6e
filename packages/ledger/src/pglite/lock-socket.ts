import { connect, createServer, type Server } from 'node:net';

// sun_path holds 108 bytes on Linux, 104 on macOS; a longer path cannot be bound.
const MAX_SOCKET_PATH = 100;

/** False where no socket can be bound at `path` (Windows, a path too long for a socket address). */
export const socketPathFits = (path: string): boolean => process.platform !== 'win32' && Buffer.byteLength(path) <= MAX_SOCKET_PATH;

/**
 * Listens on a Unix socket at `path` for as long as the lock is held. The kernel closes it when the
 * process dies, however it dies, and a process in any pid namespace that shares the file system (a
 * container on the same machine) can try to connect: refused means the holder is gone. Returns
 * `undefined` where that is impossible (Windows, a path too long for a socket, a file system without
 * sockets): the lock then relies on its pid and heartbeat alone. The caller removes the file.
 */
export function listenLockSocket(path: string): Server | undefined {
  if (!socketPathFits(path)) return undefined;
  const server = createServer((connection) => connection.destroy());
  // Binding happens inside listen(), synchronously; only its errors are reported later.
  server.on('error', () => {});
  try {
    server.listen(path);
  } catch {
    return undefined;
  }
  if (!server.listening) return undefined;
  return server.unref();
}

/**
 * Tries the holder's socket: `alive` when it answers (or its queue is full), `dead` when the kernel
 * refuses the connection (nobody listens any more), `unknown` otherwise (no such file, no permission).
 * Meaningful only for a holder on this kernel: on a network file system a socket file left by
 * another machine refuses every connection.
 */
export function probeLockSocket(path: string): Promise<'alive' | 'dead' | 'unknown'> {
  if (!socketPathFits(path)) return Promise.resolve('unknown');
  return new Promise((resolve) => {
    const socket = connect(path);
    const done = (answer: 'alive' | 'dead' | 'unknown') => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    // Only a listener can keep a connection waiting: that holder is alive.
    const timer = setTimeout(() => done('alive'), 5_000);
    socket.once('connect', () => done('alive'));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      done(error.code === 'ECONNREFUSED' ? 'dead' : error.code === 'EAGAIN' ? 'alive' : 'unknown');
    });
  });
}
