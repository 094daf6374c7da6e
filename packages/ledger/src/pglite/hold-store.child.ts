// A child process for the lock tests (not part of the public surface): opens a PGlite store on
// the directory given as argv[2], records entries one after another, and reports each on stdout
// until it is killed. With argv[3] === 'lock-only', it only takes the directory lock and waits;
// with 'lock-and-exit', it takes the lock and exits at once.
import { createLedger } from '../create-ledger.js';
import { createMockProvider } from '@reversal/core/testing';
import { createPgliteStore } from './create-pglite-store.js';
import { lockDirectory } from './directory-lock.js';

const directory = process.argv[2]!;
if (process.argv[3] === 'lock-only') {
  lockDirectory(directory);
  process.stdout.write('locked\n');
  setInterval(() => {}, 60_000);
} else if (process.argv[3] === 'lock-and-exit') {
  lockDirectory(directory);
  process.exit(0);
} else {
  const store = await createPgliteStore({ directory });
  const ledger = createLedger({ store, provider: createMockProvider({ capabilities: { resultDelivery: 'callback' } }) });
  for (let index = 0; ; index += 1) {
    await ledger.reverse({ transactionId: `PAYKILL${index}`, amount: '1.00', reference: `KILL${index}` });
    process.stdout.write(`recorded ${index}\n`);
  }
}
