import { randomBytes } from 'node:crypto';
import { startVodacomMzSimulator, type VodacomMzSimulator } from '@reversal/sandbox';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../exit-codes.js';
import { ensureBuilt } from '../test-support/built-cli.js';
import { runBin } from '../test-support/run-bin.js';
import { mozambiqueEnvironment } from '../test-support/simulators.js';

const server = process.env.REVERSAL_TEST_POSTGRES_URL;
// Characters a URL must encode, so that the password appears in two forms: written and decoded.
const PASSWORD = `pw/C4nary%${randomBytes(4).toString('hex')}`;
const ROLE = 'reversal_cli_password';
const DATABASE = `reversal_cli_password_${randomBytes(4).toString('hex')}`;

let mozambique: VodacomMzSimulator;
let url: string;
const outputs: string[] = [];

/** The server's URL with another user, password and database. */
function withCredentials(base: string, database: string): string {
  const parsed = new URL(base);
  parsed.username = ROLE;
  parsed.password = encodeURIComponent(PASSWORD);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  if (!server) return;
  await ensureBuilt();
  mozambique = await startVodacomMzSimulator({ keyBits: 2048 });
  await admin(`DO $$ BEGIN CREATE ROLE ${ROLE} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
  await admin(`ALTER ROLE ${ROLE} PASSWORD '${PASSWORD.replaceAll("'", "''")}'`);
  await admin(`CREATE DATABASE ${DATABASE} OWNER ${ROLE}`);
  url = withCredentials(server, DATABASE);
}, 600_000);

afterAll(async () => {
  for (const output of outputs) {
    for (const secret of [PASSWORD, encodeURIComponent(PASSWORD)]) expect(output).not.toContain(secret);
  }
  await mozambique?.close();
  if (server) await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
});

async function cli(args: string[], env: Record<string, string> = {}) {
  const run = await runBin(args, { env: { ...mozambiqueEnvironment(mozambique), ...env } });
  outputs.push(run.stdout, run.stderr);
  return run;
}

describe.skipIf(!server)('a PostgreSQL ledger whose URL holds a password', { timeout: 240_000 }, () => {
  it('never prints the password: a URL given as --ledger is masked, with a note', async () => {
    const { transactionId } = mozambique.addTransaction({ amount: '30.00' });
    mozambique.addScenario({ transactionId, responseCode: 'INS-1', apply: true });
    const reverse = await cli(['reverse', '--transaction-id', transactionId, '--reference', 'PWREF1', '--ledger', url]);
    expect(reverse.code, reverse.stderr).toBe(EXIT_CODES.unknown);
    const masked = `postgres://${ROLE}:***@`;
    expect(reverse.stdout).toContain(`Ledger            unknown — ${masked}`);
    expect(reverse.stdout).toContain(`  reversal status --reference PWREF1 --ledger '${masked}`);
    expect(reverse.stdout).toContain('The ledger URL is shown with its password masked (***)');

    const json = await cli(['reverse', '--transaction-id', transactionId, '--reference', 'PWREF1', '--ledger', url, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ledger: { where: expect.stringContaining(masked), repeated: true } });
    const retry = await cli(['retry', '--reference', 'PWREF1', '--ledger', url, '--json']);
    expect(JSON.parse(retry.stdout)).toMatchObject({ error: { kind: 'unknown', hint: expect.stringContaining(masked) } });
    const report = await cli(['reconcile', '--older-than', '3600', '--ledger', url]);
    expect(report.code, report.stderr).toBe(EXIT_CODES.unknown);
    expect(report.stdout).toContain(`next: reversal status --reference PWREF1 --ledger '${masked}`);
    const entries = await cli(['entries', '--ledger', url, '--json']);
    expect(JSON.parse(entries.stdout)).toMatchObject({ ledger: expect.stringContaining(masked), count: 1 });
    const status = await cli(['status', '--reference', 'PWREF1', '--ledger', url]);
    expect(status.code, status.stderr).toBe(EXIT_CODES.ok);
  });

  it('names a URL from the environment as "$REVERSAL_LEDGER" in the commands it prints', async () => {
    const { transactionId } = mozambique.addTransaction({ amount: '30.00' });
    mozambique.addScenario({ transactionId, responseCode: 'INS-1', apply: true });
    const run = await cli(['reverse', '--transaction-id', transactionId, '--reference', 'PWREF2'], { REVERSAL_LEDGER: url });
    expect(run.code, run.stderr).toBe(EXIT_CODES.unknown);
    expect(run.stdout).toContain('  reversal status --reference PWREF2 --ledger "$REVERSAL_LEDGER"\n');
    expect(run.stdout).not.toContain('masked');
    const resolved = await cli(['resolve', '--reference', 'PWREF2', '--outcome', 'reversed', '--note', 'Portal: applied', '--by', 'ops'], {
      REVERSAL_LEDGER: url,
    });
    expect(resolved.code, resolved.stderr).toBe(EXIT_CODES.ok);
  });

  it('keeps the password out of a connection failure, in text and in JSON', async () => {
    const missing = withCredentials(server!, `${DATABASE}_missing`);
    const text = await cli(['entries', '--ledger', missing]);
    expect(text.code).toBe(EXIT_CODES.configuration);
    expect(text.stderr).toContain(`The ledger postgres://${ROLE}:***@`);
    expect(text.stderr).toContain('could not be opened');
    const json = await cli(['reconcile', '--json'], { REVERSAL_LEDGER: missing });
    expect(JSON.parse(json.stdout)).toMatchObject({
      error: { kind: 'configuration', message: expect.stringContaining('could not be opened') },
    });
  });
});
