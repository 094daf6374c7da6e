import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { createPgliteStore } from './pglite/create-pglite-store.js';
import { crashAndReconcile } from './test-support/crash-run.js';

const root = mkdtempSync(join(tmpdir(), 'ledger-crash-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// A process reversing against the Vodacom simulator is killed with SIGKILL at each point of a
// reversal, five times per point (seeded, the seed printed); see test-support/crash-run.ts.
describe('crashes (SIGKILL) at every point of a reversal on PGlite, then reconcile', () => {
  it('at most one request per attempt, none unknown to the ledger, every entry settled where the provider can be asked', { timeout: 400_000 }, async () => {
    // One data directory for every process in turn: each reclaims the lock of the one killed before it.
    const directory = join(root, 'pglite');
    await crashAndReconcile('PGlite', { directory }, () => createPgliteStore({ directory }));
  });
});
