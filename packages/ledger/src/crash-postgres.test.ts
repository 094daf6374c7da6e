import pg from 'pg';
import { describe, it } from 'vitest';
import { createPostgresStore } from './postgres/create-postgres-store.js';
import { crashAndReconcile } from './test-support/crash-run.js';

const url = process.env.REVERSAL_TEST_POSTGRES_URL;

// As crash-pglite.test.ts, on PostgreSQL: a killed process's connection drops and its transaction rolls back.
describe.skipIf(!url && process.env.CI !== 'true')('crashes (SIGKILL) at every point of a reversal on PostgreSQL, then reconcile', () => {
  it('at most one request per attempt, none unknown to the ledger, every entry settled where the provider can be asked', { timeout: 400_000 }, async () => {
    if (!url) throw new Error('REVERSAL_TEST_POSTGRES_URL is not set: CI must run the tests under scripts/with-postgres.sh.');
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    try {
      await crashAndReconcile('PostgreSQL', { url }, () => createPostgresStore({ pool }));
    } finally {
      await pool.end();
    }
  });
});
