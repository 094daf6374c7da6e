import pg from 'pg';
import { afterAll, describe, it } from 'vitest';
import { describeStoreSuite } from '../store/store-suite.js';
import { createPostgresStore } from './create-postgres-store.js';

const url = process.env.REVERSAL_TEST_POSTGRES_URL;
const pools: pg.Pool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
});

if (url) {
  describeStoreSuite('PostgreSQL', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 8 });
    pools.push(pool);
    return createPostgresStore({ pool });
  });
} else if (process.env.CI === 'true') {
  describe('PostgreSQL store', () => {
    it('needs a PostgreSQL server', () => {
      throw new Error('REVERSAL_TEST_POSTGRES_URL is not set: CI must run the tests under scripts/with-postgres.sh.');
    });
  });
} else {
  describe.skip('PostgreSQL store (skipped: set REVERSAL_TEST_POSTGRES_URL, or run under scripts/with-postgres.sh)', () => {
    it('needs a PostgreSQL server', () => {});
  });
}
