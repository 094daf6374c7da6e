import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

// CommonJS, as `eval` workers run: it loads the ledger by URL, creates the store and closes it.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.ledger)
  .then(({ createPgliteStore }) => createPgliteStore({ directory: workerData.directory }))
  .then((store) => store.close())
  .then(() => parentPort.postMessage('ready'), () => parentPort.postMessage('failed'));
`;

/** How {@link initialiseInWorker} ended. */
export type WorkerInitialisation = 'ready' | 'failed' | 'aborted';

/**
 * Creates a new embedded ledger (PGlite's initdb and the migrations) in a worker thread, so that
 * this thread stays free: PGlite holds the thread it runs on for seconds at a time, and Ctrl-C
 * must be answered at once. `aborted` when `signal` aborts first (the worker is terminated; what it
 * wrote is completed by the next opening). `failed` when the worker could not do it — the ledger
 * package cannot be loaded by URL (tests over sources), the directory is locked — and opening in
 * this thread then gives the real error, or does the work.
 */
export async function initialiseInWorker(directory: string, signal: AbortSignal | undefined): Promise<WorkerInitialisation> {
  const ledger = ledgerModuleUrl();
  if (!ledger || signal?.aborted) return signal?.aborted ? 'aborted' : 'failed';
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ledger, directory } });
  return new Promise<WorkerInitialisation>((resolve) => {
    const finish = (outcome: WorkerInitialisation) => {
      signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const onAbort = () => {
      void worker.terminate();
      finish('aborted');
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (message) => finish(message === 'ready' ? 'ready' : 'failed'));
    worker.once('error', () => finish('failed'));
    worker.once('exit', () => finish('failed'));
  });
}

/** Where `@reversal/ledger` is, as a URL a worker can import; undefined when it cannot be found. */
function ledgerModuleUrl(): string | undefined {
  try {
    return import.meta.resolve('@reversal/ledger');
  } catch {
    // The CommonJS build has no import.meta.resolve.
  }
  try {
    return pathToFileURL(createRequire(import.meta.url).resolve('@reversal/ledger')).href;
  } catch {
    return undefined;
  }
}
