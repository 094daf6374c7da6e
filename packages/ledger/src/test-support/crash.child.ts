// A process the crash tests kill (not part of the public surface). It opens the ledger (PGlite
// directory or PostgreSQL URL) over the Vodacom adapter pointed at the test's simulator, first
// reconciles what an earlier, killed process left, then reverses the payments it is given, and
// stops dead at the configured point of the last one (`doomed`) until the test kills it:
//   before-send     the attempt is recorded, the request not sent
//   after-answer    the provider answered; the answer is not recorded
//   recording       inside the store's transaction that records the answer
//   request-written the test kills it itself, once the simulator has the request (answered late)
// Its configuration is the JSON in the environment variable LEDGER_CRASH_CHILD.
import type { ReversalProvider } from '@reversal/core';
import { createVodacomMzProvider, type VodacomMzOptions } from '@reversal/vodacom-mz';
import pg from 'pg';
import { createLedger } from '../create-ledger.js';
import { createPgliteStore } from '../pglite/create-pglite-store.js';
import { createPostgresStore } from '../postgres/create-postgres-store.js';
import type { LedgerStore } from '../store/ledger-store.js';

interface Reversal {
  readonly transactionId: string;
  readonly amount: string;
  readonly reference: string;
}
const config = JSON.parse(process.env.LEDGER_CRASH_CHILD!) as {
  directory?: string;
  url?: string;
  providerOptions: VodacomMzOptions;
  reversals: Reversal[];
  doomed: Reversal & { point: 'before-send' | 'after-answer' | 'recording' | 'request-written' };
};
const print = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);
/** Stops this process dead (stdout to a pipe is written synchronously on Linux). */
const stopDead = (point: string): never => {
  print({ blocked: point });
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
};
const { doomed } = config;

const opened = config.directory
  ? await createPgliteStore({ directory: config.directory })
  : await createPostgresStore({ pool: new pg.Pool({ connectionString: config.url, max: 2 }) });
const store: LedgerStore = {
  ...opened,
  update: (key, change) =>
    opened.update(key, (entry) => {
      const next = change(entry);
      const answered = entry.attempts[0]?.state === 'sending' && next?.attempts[0]?.state !== 'sending';
      if (doomed.point === 'recording' && key.reference === doomed.reference && answered) stopDead('recording');
      return next;
    }),
};
const vodacom = createVodacomMzProvider({ ...config.providerOptions, timeoutMs: 30_000 });
// The real adapter, with a stop on the way (the provider object is frozen: a copy, not a mutation).
const provider: ReversalProvider = {
  ...vodacom,
  async reverse(...args: Parameters<ReversalProvider['reverse']>) {
    const isDoomed = args[0].transactionId === doomed.transactionId;
    if (isDoomed && doomed.point === 'before-send') stopDead('before-send');
    const result = await vodacom.reverse(...args);
    if (isDoomed && doomed.point === 'after-answer') stopDead('after-answer');
    return result;
  },
};
const ledger = createLedger({ store, provider });

const report = await ledger.reconcile({ olderThanMs: 0, limit: 1_000 });
print({ reconciled: report.checked.length, failed: report.failed });
for (const reversal of [...config.reversals, doomed]) {
  const entry = await ledger.reverse({ transactionId: reversal.transactionId, amount: reversal.amount, reference: reversal.reference });
  print({ reversed: entry.reference, state: entry.state });
}
print({ done: true });
