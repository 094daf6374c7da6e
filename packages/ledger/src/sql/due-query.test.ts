import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createPostgresStore } from '../postgres/create-postgres-store.js';
import type { DueQuery } from '../store/ledger-store.js';
import { claimDueEntry, findDueEntries } from './due-query.js';
import type { SqlExecutor } from './sql-client.js';

const url = process.env.REVERSAL_TEST_POSTGRES_URL;

// The reconciler runs the due query every pass on every instance: it must read the entries in doubt
// through indexes, never the whole table, which is nearly all settled entries kept for retention.
describe.skipIf(!url && process.env.CI !== 'true')('the due query on PostgreSQL', () => {
  it('reads through the indexes: the settled entries are never scanned', { timeout: 60_000 }, async () => {
    if (!url) throw new Error('REVERSAL_TEST_POSTGRES_URL is not set: CI must run the tests under scripts/with-postgres.sh.');
    const schema = `ledger_explain_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Pool({ connectionString: url, max: 1 });
    await admin.query(`CREATE SCHEMA ${schema}`);
    const pool = new pg.Pool({ connectionString: url, max: 2, options: `-c search_path=${schema}` });
    try {
      await createPostgresStore({ pool });
      const insert = (prefix: string, count: number, state: string, nextCheck: string) =>
        pool.query(
          `INSERT INTO reversal_ledger_entries
             (provider, reference, transaction_id, status_check, state, created_at, updated_at, next_check_at)
           SELECT 'mock', '${prefix}' || n, 'PDU91HIVIT', true, '${state}', now() - interval '2 days',
             now() - interval '1 hour' - n * interval '1 second', ${nextCheck}
           FROM generate_series(1, ${count}) AS n`,
        );
      await insert('S', 100_000, 'succeeded', 'NULL');
      await insert('U', 300, 'unknown', 'NULL');
      await insert('P', 300, 'pending', 'NULL');
      await insert('C', 300, 'unknown', `now() + n * interval '5 minutes'`);
      await pool.query('ANALYZE reversal_ledger_entries');

      const now = new Date();
      const ago = (ms: number) => new Date(now.getTime() - ms);
      const query: DueQuery = {
        due: [
          { provider: 'mock', states: ['sending', 'unknown'], updatedBefore: ago(300_000) },
          { provider: 'mock', states: ['pending'], updatedBefore: ago(900_000) },
        ],
        now,
        statusCheck: true,
        limit: 100,
      };
      const plans: string[] = [];
      const explain: SqlExecutor = {
        async query<Row>(text: string, params?: readonly unknown[]) {
          const { rows } = await pool.query(`EXPLAIN (FORMAT JSON) ${text}`, params as unknown[]);
          plans.push(JSON.stringify(rows[0]));
          return { rows: [] as Row[] };
        },
      };
      await findDueEntries(explain, query);
      await claimDueEntry(explain, query, { token: 'T', until: new Date(now.getTime() + 120_000) });
      expect(plans).toHaveLength(2);
      for (const plan of plans) {
        expect(plan).not.toContain('Seq Scan');
        expect(plan).toContain('reversal_ledger_entries_next_check');
        expect(plan).toContain('reversal_ledger_entries_state');
      }
      // And it finds what is due: the entries never checked, and those whose next check has come.
      const due = await findDueEntries(pool, { ...query, now: new Date(now.getTime() + 30 * 60_000), limit: 10_000 });
      expect(due.filter((entry) => entry.reference.startsWith('C'))).toHaveLength(6);
      expect(due).toHaveLength(300 + 300 + 6);
    } finally {
      await pool.end();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  });
});
