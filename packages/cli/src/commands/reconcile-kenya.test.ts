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
let kenya: Record<string, string>;
const outputs: string[] = [];

beforeAll(async () => {
  await ensureBuilt();
  daraja = await startDarajaSimulator({ callbackDelayMs: 20 });
  mozambique = await startVodacomMzSimulator({ keyBits: 2048 });
  directory = mkdtempSync(join(tmpdir(), 'reversal-cli-reconcile-'));
  // The listener of --wait binds the port of the result URL: Daraja's answers come back to it.
  kenya = kenyaEnvironment(daraja, `http://127.0.0.1:${await freePort()}/mpesa/reversal/result`);
}, 600_000);

afterAll(async () => {
  for (const output of outputs) for (const secret of simulatorSecrets(daraja, mozambique)) expect(output).not.toContain(secret);
  await daraja?.close();
  await mozambique?.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

/** Runs the binary over one ledger shared by both providers (the per-user default, under a temporary XDG_STATE_HOME). */
async function cli(args: string[], env: Record<string, string>) {
  const run = await runBin(args, { env: { ...env, REVERSAL_LEDGER: '', XDG_STATE_HOME: directory }, cwd: directory });
  outputs.push(run.stdout, run.stderr);
  return run;
}
const darajaReversalsOf = (transactionId: string) =>
  daraja.requests().filter((request) => request.validated?.TransactionID === transactionId);

describe('Kenya with the ledger: status answers come by callback', { timeout: 240_000 }, () => {
  it('`status --reference --wait` receives the status answer, records it, and settles a reversal whose callback was lost', async () => {
    const { transactionId } = daraja.addTransaction({ amount: 200, scenario: 'no-callback' });
    const sent = await cli(['reverse', '--transaction-id', transactionId, '--amount', '200', '--reference', 'KELEDGER1'], kenya);
    expect(sent.code, sent.stderr).toBe(EXIT_CODES.pending);
    expect(sent.stdout).toContain('  reversal status --reference KELEDGER1 --wait\n');

    const asked = await cli(['status', '--reference', 'KELEDGER1'], kenya);
    expect(asked.code, asked.stderr).toBe(EXIT_CODES.pending);
    expect(asked.stdout).toContain(
      'safaricom-ke answers status queries by callback, at your result URL: add --wait to receive the answer here.',
    );

    const waited = await cli(['status', '--reference', 'KELEDGER1', '--wait', '--wait-timeout', '30'], kenya);
    expect(waited.code, waited.stderr).toBe(EXIT_CODES.ok);
    expect(waited.stderr).toMatch(/Listening for the status answers on http:\/\/127\.0\.0\.1:\d+/);
    expect(waited.stdout).toContain('Ledger            succeeded');
    expect(waited.stdout).toContain(`Reversal receipt  ${daraja.transaction(transactionId)?.reversalTransactionId}`);
    // Recorded: the ledger says so without asking anyone.
    const listed = await cli(['entries', '--transaction-id', transactionId, '--json'], {});
    expect(JSON.parse(listed.stdout).entries).toMatchObject([{ reference: 'KELEDGER1', state: 'succeeded' }]);
    expect(darajaReversalsOf(transactionId)).toHaveLength(1);
  });

  it('refuses --additional for a provider that cannot reverse part of a payment, before anything is recorded', async () => {
    const { transactionId } = daraja.addTransaction({ amount: 200 });
    const run = await cli(['reverse', '--transaction-id', transactionId, '--amount', '200', '--additional'], kenya);
    expect(run.code, run.stderr).toBe(EXIT_CODES.usage);
    expect(run.stderr).toContain('--additional: is only for a further partial reversal, and safaricom-ke cannot reverse part of a payment');
    expect(darajaReversalsOf(transactionId)).toHaveLength(0);
  });

  it('`reconcile --wait` settles a Kenya reversal by its status answer; exits 4 naming every entry in doubt, of any provider', async () => {
    // In doubt: a queue timeout that was in fact applied (only a status query tells)...
    const applied = daraja.addTransaction({ amount: 100, scenario: 'queue-timeout-reversed' });
    const timedOut = await cli(
      ['reverse', '--transaction-id', applied.transactionId, '--amount', '100', '--reference', 'KERECON1', '--wait'],
      kenya,
    );
    expect(timedOut.code, timedOut.stderr).toBe(EXIT_CODES.unknown);
    // ...an acknowledged one still within Daraja's callback window...
    const quiet = daraja.addTransaction({ amount: 100, scenario: 'no-callback' });
    expect(
      (await cli(['reverse', '--transaction-id', quiet.transactionId, '--amount', '100', '--reference', 'KERECON2'], kenya)).code,
    ).toBe(EXIT_CODES.pending);
    // ...and a Mozambique one, which a reconcile configured for Kenya cannot check.
    const { transactionId: mzTransaction } = mozambique.addTransaction({ amount: '30.00' });
    mozambique.addScenario({ transactionId: mzTransaction, responseCode: 'INS-1', apply: true });
    const mz = mozambiqueEnvironment(mozambique);
    expect((await cli(['reverse', '--transaction-id', mzTransaction, '--reference', 'MZRECON1'], mz)).code).toBe(EXIT_CODES.unknown);

    const report = await cli(['reconcile', '--older-than', '0', '--wait', '--wait-timeout', '30'], kenya);
    expect(report.code, report.stderr).toBe(EXIT_CODES.unknown);
    expect(report.stdout).toMatch(/KERECON1 +unknown -> succeeded/);
    expect(report.stdout).toContain('Still in doubt (2): do NOT send these again.');
    expect(report.stdout).toMatch(/KERECON2 +safaricom-ke +pending +accepted; its outcome comes by callback/);
    expect(report.stdout).toContain('next: wait, or reversal status --reference KERECON2 --wait');
    expect(report.stdout).toMatch(/MZRECON1 +vodacom-mz +unknown +not checked: this run is configured for safaricom-ke/);
    expect(report.stdout).toContain('next: reversal reconcile with REVERSAL_PROVIDER=vodacom-mz and its variables');
    expect(darajaReversalsOf(applied.transactionId)).toHaveLength(1);

    const json = JSON.parse((await cli(['reconcile', '--json'], kenya)).stdout);
    expect(json.inDoubt.map((entry: { reference: string }) => entry.reference).sort()).toEqual(['KERECON2', 'MZRECON1']);

    // Settled one by one, the ledger is clear: exit 0.
    expect((await cli(['status', '--reference', 'KERECON2', '--wait', '--wait-timeout', '30'], kenya)).code).toBe(EXIT_CODES.ok);
    const clear = await cli(['reconcile', '--older-than', '0'], mz);
    expect(clear.code, clear.stdout).toBe(EXIT_CODES.ok);
    expect(clear.stdout).toMatch(/MZRECON1 +unknown -> succeeded/);
    expect(clear.stdout).toContain('Nothing is left in doubt.');
  });
});
