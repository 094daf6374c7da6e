// A child process for the lock tests (not part of the public surface), run on the directory given as
// argv[2] in the mode argv[3], with argv[4] (optional) as the lock's stale period in milliseconds:
// - 'write' (default): opens a PGlite store, records entries one after another and reports each on
//   stdout ('recorded N') until it is killed;
// - 'lock-only': only takes the directory lock ('locked') and waits;
// - 'lock-and-exit': takes the lock and exits at once;
// - 'open': opens the store, saying 'initialising' when it creates a new database, then 'opened', and waits;
// - 'contend': tries once to open the store and prints the outcome as one JSON line (with how many of
//   the entries 'write' records it finds), then exits.
import { createLedger } from '../create-ledger.js';
import { LedgerError } from '../ledger-error.js';
import { createMockProvider } from '@reversal/core/testing';
import { createPgliteStore } from './create-pglite-store.js';
import { lockDirectory } from './directory-lock.js';

const [directory, mode = 'write', stale] = process.argv.slice(2) as [string, string?, string?];
const lockStaleAfterMs = stale === undefined ? undefined : Number(stale);
const say = (line: string) => process.stdout.write(`${line}\n`);

if (mode === 'lock-only') {
  await lockDirectory(directory, { staleAfterMs: lockStaleAfterMs });
  say('locked');
  setInterval(() => {}, 60_000);
} else if (mode === 'lock-and-exit') {
  await lockDirectory(directory);
  process.exit(0);
} else if (mode === 'open') {
  await createPgliteStore({ directory, lockStaleAfterMs, onInitialise: () => say('initialising') });
  say('opened');
  setInterval(() => {}, 60_000);
} else if (mode === 'contend') {
  try {
    const store = await createPgliteStore({ directory, lockStaleAfterMs });
    let entries = 0;
    while (await store.get({ provider: 'mock', reference: `KILL${entries}` })) entries += 1;
    say(JSON.stringify({ opened: true, entries }));
    await store.close();
  } catch (error) {
    if (!LedgerError.isInstance(error)) throw error;
    say(JSON.stringify({ code: error.code, holderPid: error.holderPid, message: error.message }));
  }
} else {
  const store = await createPgliteStore({ directory, lockStaleAfterMs });
  const ledger = createLedger({ store, provider: createMockProvider({ capabilities: { resultDelivery: 'callback' } }) });
  for (let index = 0; ; index += 1) {
    await ledger.reverse({ transactionId: `PAYKILL${index}`, amount: '1.00', reference: `KILL${index}` });
    say(`recorded ${index}`);
  }
}
