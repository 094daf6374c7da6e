/**
 * Serves requests from the parent process: `handle` answers each message; `{ type: 'exit' }`
 * ends the process. Messages are handled one at a time, in order.
 */
export function serveParent(handle: (message: { type: string } & Record<string, unknown>) => Promise<unknown>): void {
  let queue = Promise.resolve();
  // An orchestrator that dies must not leave simulators listening on their ports.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: { type: string } & Record<string, unknown>) => {
    if (message.type === 'exit') {
      process.disconnect?.();
      process.exit(0);
    }
    queue = queue.then(async () => {
      try {
        process.send?.({ ok: true, value: await handle(message) });
      } catch (error) {
        process.send?.({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    });
  });
}
