import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDarajaSimulator, startVodacomMzSimulator, type DarajaSimulator, type VodacomMzSimulator } from '@reversal/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../exit-codes.js';
import { ensureBuilt } from '../test-support/built-cli.js';
import { runBin } from '../test-support/run-bin.js';
import { freePort, kenyaEnvironment, mozambiqueEnvironment } from '../test-support/simulators.js';

let daraja: DarajaSimulator;
let mozambique: VodacomMzSimulator;
let env: Record<string, string>;
const directory = mkdtempSync(join(tmpdir(), 'reversal-cli-status-'));

beforeAll(async () => {
  await ensureBuilt();
  daraja = await startDarajaSimulator();
  mozambique = await startVodacomMzSimulator({ keyBits: 2048 });
  env = mozambiqueEnvironment(mozambique);
}, 600_000);

afterAll(async () => {
  await daraja?.close();
  await mozambique?.close();
});

/** A reversal applied but answered after the client gave up: `unknown`, and its status settles it. */
async function unknownReversal(reference: string) {
  const { transactionId } = mozambique.addTransaction({ amount: '30.00' });
  mozambique.addScenario({ transactionId, delayMs: 10_000 });
  const args = ['reverse', '--transaction-id', transactionId, '--reference', reference, '--json'];
  const run = await runBin(args, { env: { ...env, MPESA_MZ_TIMEOUT_MS: '300' } });
  expect(run.code, run.stderr).toBe(EXIT_CODES.unknown);
  return { transactionId, json: run.stdout };
}

describe('reversal status', () => {
  it('settles an unknown Mozambique reversal as succeeded (exit 0)', async () => {
    const { transactionId } = await unknownReversal('CLISTATUS1');
    const run = await runBin(['status', '--transaction-id', transactionId, '--reference', 'CLISTATUS1'], { env });
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    expect(run.stdout).toContain('Status of the reversal: SUCCEEDED (vodacom-mz)');
  });

  it('reads the reversal from a `reverse --json` result file, and from stdin', async () => {
    const { json } = await unknownReversal('CLISTATUS2');
    const file = join(directory, 'result.json');
    writeFileSync(file, json);
    const fromFile = await runBin(['status', '--result', file, '--json'], { env });
    expect(fromFile.code, fromFile.stderr).toBe(EXIT_CODES.ok);
    expect(JSON.parse(fromFile.stdout)).toMatchObject({ status: 'succeeded', reference: 'CLISTATUS2' });
    const fromStdin = await runBin(['status', '--result', '-', '--json'], { env, input: json });
    expect(fromStdin.code, fromStdin.stderr).toBe(EXIT_CODES.ok);
  });

  it('exits 4 while the provider has no status for the reversal', async () => {
    const run = await runBin(['status', '--transaction-id', 'NEVERSENT01', '--reference', 'NEVERSENT01', '--json'], { env });
    expect(run.code, run.stderr).toBe(EXIT_CODES.unknown);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'unknown' });
  });

  it("suggests the same query again while still unknown, never the status query's own conversation id (that loops)", async () => {
    const run = await runBin(['status', '--transaction-id', 'NEVERSENT02', '--reference', 'NEVERSENT02'], { env });
    expect(run.code, run.stderr).toBe(EXIT_CODES.unknown);
    expect(run.stdout).toContain('Still unknown: the reversal may have been applied. Do NOT send it again; check again later with:');
    const suggested = [...run.stdout.matchAll(/^ {2}(reversal .*)$/gm)].map((match) => match[1]);
    expect(suggested).toEqual(['reversal status --transaction-id NEVERSENT02 --reference NEVERSENT02']);
  });

  it('settles a duplicate (INS-10) from its `reverse --json` result: the refused request\'s conversation id is not used', async () => {
    const { transactionId } = mozambique.addTransaction({ amount: '30.00' });
    const reverse = ['reverse', '--transaction-id', transactionId, '--reference', 'CLIDUPSTATUS1', '--json'];
    expect((await runBin(reverse, { env })).code).toBe(EXIT_CODES.ok);
    const resend = await runBin(reverse, { env });
    expect(resend.code, resend.stderr).toBe(EXIT_CODES.unknown);
    expect(JSON.parse(resend.stdout)).toMatchObject({ error: { code: 'DUPLICATE_REQUEST', providerCode: 'INS-10' } });
    const run = await runBin(['status', '--result', '-'], { env, input: resend.stdout });
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    expect(run.stdout).toContain('Status of the reversal: SUCCEEDED (vodacom-mz)');
  });

  it('exits 5 for a status the provider reports as pending', async () => {
    mozambique.addScenario({ operation: 'status', reference: 'CLIPENDING1', transactionStatus: 'Pending' });
    const run = await runBin(['status', '--transaction-id', 'ANY0000001', '--reference', 'CLIPENDING1'], { env });
    expect(run.code, run.stderr).toBe(EXIT_CODES.pending);
    expect(run.stdout).toContain('PENDING');
  });

  it('names both missing identifiers (exit 2)', async () => {
    const run = await runBin(['status'], { env });
    expect(run.code, run.stderr).toBe(EXIT_CODES.usage);
    expect(run.stderr).toContain('--transaction-id: is required');
    expect(run.stderr).toContain('--reference: is required');
  });

  it('refuses a --result that is not a result (exit 2)', async () => {
    const run = await runBin(['status', '--result', '-'], { env, input: 'not json' });
    expect(run.code, run.stderr).toBe(EXIT_CODES.usage);
    expect(run.stderr).toContain('is not JSON');
  });

  it('Kenya: --wait receives the Transaction Status answer and settles a reversal whose callback was lost (exit 0)', async () => {
    const kenya = kenyaEnvironment(daraja, `http://127.0.0.1:${await freePort()}/mpesa/reversal/result`);
    const { transactionId } = daraja.addTransaction({ amount: 200, scenario: 'no-callback' });
    const reversed = await runBin(['reverse', '--transaction-id', transactionId, '--amount', '200', '--reference', 'CLIKESTATUS1', '--json'], { env: kenya });
    expect(reversed.code, reversed.stderr).toBe(EXIT_CODES.pending);
    const file = join(directory, 'kenya-result.json');
    writeFileSync(file, reversed.stdout);

    const asked = await runBin(['status', '--result', file], { env: kenya });
    expect(asked.code, asked.stderr).toBe(EXIT_CODES.pending);
    expect(asked.stdout).toContain('Status of the reversal: PENDING (safaricom-ke)');
    expect(asked.stdout).toMatch(/reversal status --transaction-id \w+ --reference CLIKESTATUS1 --provider-request-id \S+ .*--wait/);

    const waited = await runBin(['status', '--result', file, '--wait', '--json'], { env: kenya });
    expect(waited.code, waited.stderr).toBe(EXIT_CODES.ok);
    expect(JSON.parse(waited.stdout)).toMatchObject({
      status: 'succeeded',
      reference: 'CLIKESTATUS1',
      providerRequestId: JSON.parse(reversed.stdout).providerRequestId,
      reversalTransactionId: daraja.transaction(transactionId)?.reversalTransactionId,
    });
    expect(daraja.requests().filter((request) => request.validated?.TransactionID === transactionId)).toHaveLength(1);
  });
});
