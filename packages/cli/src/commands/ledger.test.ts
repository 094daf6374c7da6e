import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DarajaSimulator, startDarajaSimulator, startVodacomMzSimulator, type VodacomMzSimulator } from '@reversal/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../exit-codes.js';
import { ensureBuilt } from '../test-support/built-cli.js';
import { runBin } from '../test-support/run-bin.js';
import { freePort, kenyaEnvironment, mozambiqueEnvironment, simulatorSecrets } from '../test-support/simulators.js';

let daraja: DarajaSimulator;
let mozambique: VodacomMzSimulator;
let directory: string;
const outputs: string[] = [];

beforeAll(async () => {
  await ensureBuilt();
  daraja = await startDarajaSimulator({ callbackDelayMs: 20 });
  mozambique = await startVodacomMzSimulator({ keyBits: 2048 });
  directory = mkdtempSync(join(tmpdir(), 'reversal-cli-ledger-'));
}, 600_000);

afterAll(async () => {
  for (const output of outputs) for (const secret of simulatorSecrets(daraja, mozambique)) expect(output).not.toContain(secret);
  await daraja?.close();
  await mozambique?.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

/** Runs the binary with the default ledger, the test's directory being the XDG state directory. */
async function cli(args: string[], env: Record<string, string>) {
  const run = await runBin(args, { env: { ...env, REVERSAL_LEDGER: '', XDG_STATE_HOME: directory }, cwd: directory });
  outputs.push(run.stdout, run.stderr);
  return run;
}
const reversalsOf = (transactionId: string) =>
  mozambique.requests().filter((request) => request.operation === 'reversal' && JSON.stringify(request.body).includes(transactionId));

describe('reversal with the ledger (embedded PGlite, in the XDG state directory by default)', { timeout: 180_000 }, () => {
  it('records before sending; the same --reference again sends nothing and prints the entry (exit as the entry)', async () => {
    const { transactionId } = mozambique.addTransaction({ amount: '100.00' });
    const args = ['reverse', '--transaction-id', transactionId, '--amount', '40.00', '--reference', 'LEDGERCLI1'];
    const first = await cli(args, mozambiqueEnvironment(mozambique));
    expect(first.code, first.stderr).toBe(EXIT_CODES.ok);
    expect(first.stdout).toContain('Reversal SUCCEEDED (vodacom-mz)');
    expect(first.stdout).toContain(`Ledger            succeeded — ${join(directory, 'reversal', 'ledger')}`);
    const again = await cli(args, mozambiqueEnvironment(mozambique));
    expect(again.code, again.stderr).toBe(EXIT_CODES.ok);
    expect(again.stdout).toContain('The ledger already holds reference LEDGERCLI1: nothing was sent.');
    expect(reversalsOf(transactionId)).toHaveLength(1);
    const json = await cli([...args, '--json'], mozambiqueEnvironment(mozambique));
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'succeeded', reference: 'LEDGERCLI1', ledger: { repeated: true, state: 'succeeded' } });
    // Another amount under the same reference is refused, and nothing is sent.
    const conflict = await cli(['reverse', '--transaction-id', transactionId, '--amount', '41.00', '--reference', 'LEDGERCLI1'], mozambiqueEnvironment(mozambique));
    expect(conflict.code).toBe(EXIT_CODES.usage);
    expect(reversalsOf(transactionId)).toHaveLength(1);
  });

  it('an unknown outcome points at the ledger record; `reversal status --reference` settles it through the provider', async () => {
    const { transactionId } = mozambique.addTransaction({ amount: '10.00' });
    mozambique.addScenario({ transactionId, responseCode: 'INS-1', apply: true });
    const run = await cli(['reverse', '--transaction-id', transactionId, '--reference', 'LEDGERCLI2'], mozambiqueEnvironment(mozambique));
    expect(run.code, run.stderr).toBe(EXIT_CODES.unknown);
    expect(run.stdout).toContain('The reversal may have been applied. Do NOT send it again');
    expect(run.stdout).toContain('  reversal status --reference LEDGERCLI2\n');
    expect(run.stdout).not.toMatch(/not reversed/i);
    const status = await cli(['status', '--reference', 'LEDGERCLI2'], mozambiqueEnvironment(mozambique));
    expect(status.code, status.stderr).toBe(EXIT_CODES.ok);
    expect(status.stdout).toContain('Ledger            succeeded');
    expect(reversalsOf(transactionId)).toHaveLength(1);
  });

  it('`reversal reconcile` settles what is in doubt and says nothing is left (exit 0)', async () => {
    const { transactionId } = mozambique.addTransaction({ amount: '10.00' });
    mozambique.addScenario({ transactionId, responseCode: 'INS-1', apply: true });
    expect((await cli(['reverse', '--transaction-id', transactionId, '--reference', 'LEDGERCLI3'], mozambiqueEnvironment(mozambique))).code).toBe(EXIT_CODES.unknown);
    const report = await cli(['reconcile', '--older-than', '0'], mozambiqueEnvironment(mozambique));
    expect(report.code, report.stderr).toBe(EXIT_CODES.ok);
    expect(report.stdout).toMatch(/LEDGERCLI3 +unknown -> succeeded/);
    expect(report.stdout).toContain('Nothing is left in doubt.');
    const json = await cli(['reconcile', '--older-than', '0', '--json'], mozambiqueEnvironment(mozambique));
    expect(JSON.parse(json.stdout)).toMatchObject({ checked: [], inDoubt: [] });
  });

  it('Kenya without --wait: pending (exit 5), pointing at the ledger record, and a repeat sends nothing', async () => {
    const env = kenyaEnvironment(daraja, `http://127.0.0.1:${await freePort()}/mpesa/reversal/result`);
    const { transactionId } = daraja.addTransaction({ amount: 200 });
    const args = ['reverse', '--transaction-id', transactionId, '--amount', '200', '--reference', 'LEDGERCLI4'];
    const first = await cli(args, env);
    expect(first.code, first.stderr).toBe(EXIT_CODES.pending);
    expect(first.stdout).toContain('running this command again with this reference sends nothing');
    expect(first.stdout).toContain('  reversal status --reference LEDGERCLI4 --wait\n');
    expect(first.stdout).not.toMatch(/add --wait/i);
    const again = await cli([...args, '--wait', '--wait-timeout', '1'], env);
    expect(again.code, again.stderr).toBe(EXIT_CODES.pending);
    expect(again.stdout).toContain('nothing was sent');
    expect(again.stderr).not.toContain('Listening');
    const status = await cli(['status', '--reference', 'LEDGERCLI4'], env);
    // Daraja answers status queries by callback, to the result URL: here the ledger's record is what there is.
    expect(status.code, status.stderr).toBe(EXIT_CODES.pending);
    expect(status.stdout).toContain('Reversal PENDING (safaricom-ke)');
    expect(status.stdout).toContain('Attempt 1');
  });

  it('refuses a ledger directory another process holds (exit 3), naming PostgreSQL for several processes', async () => {
    const { spawnBin } = await import('../test-support/run-bin.js');
    const env = { ...mozambiqueEnvironment(mozambique), REVERSAL_LEDGER: join(directory, 'held') };
    // A reconcile over a fresh directory holds it for seconds (initialising); another one at the same
    // time is refused. Which one: the second, unless it takes the directory over in the moment the
    // first hands its new ledger from the thread that created it to the one that uses it.
    const holder = spawnBin(['reconcile'], { env, cwd: directory });
    let holderErrors = '';
    holder.stderr.on('data', (chunk: Buffer) => {
      holderErrors += chunk.toString();
    });
    let holderDone = false;
    const exited = new Promise<number | null>((resolve) => holder.on('close', (code) => resolve(code))).finally(() => {
      holderDone = true;
    });
    let refused: { stderr: string } | undefined;
    for (let tries = 0; tries < 50 && !refused && !holderDone; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const run = await runBin(['reconcile'], { env, cwd: directory });
      if (run.code === EXIT_CODES.configuration) refused = run;
    }
    if ((await exited) === EXIT_CODES.configuration) refused ??= { stderr: holderErrors };
    expect(refused?.stderr).toContain('in use by another process');
    expect(refused?.stderr).toContain('PostgreSQL');
  });

  it.skipIf(!process.env.REVERSAL_TEST_POSTGRES_URL)('uses a PostgreSQL ledger with --ledger postgres://…', async () => {
    const url = process.env.REVERSAL_TEST_POSTGRES_URL!;
    const { transactionId } = mozambique.addTransaction({ amount: '100.00' });
    const args = ['reverse', '--transaction-id', transactionId, '--reference', `PG${Date.now()}`, '--ledger', url];
    expect((await cli(args, mozambiqueEnvironment(mozambique))).code).toBe(EXIT_CODES.ok);
    const again = await cli(args, mozambiqueEnvironment(mozambique));
    expect(again.code).toBe(EXIT_CODES.ok);
    expect(again.stdout).toContain('nothing was sent');
    expect(reversalsOf(transactionId)).toHaveLength(1);
  });
});
