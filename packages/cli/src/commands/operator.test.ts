import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { startVodacomMzSimulator, type VodacomMzSimulator } from '@reversal/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../exit-codes.js';
import { ensureBuilt } from '../test-support/built-cli.js';
import { runBin } from '../test-support/run-bin.js';
import { mozambiqueEnvironment } from '../test-support/simulators.js';

let mozambique: VodacomMzSimulator;
let directory: string;
let ledger: string;

beforeAll(async () => {
  await ensureBuilt();
  mozambique = await startVodacomMzSimulator({ keyBits: 2048 });
  directory = mkdtempSync(join(tmpdir(), 'reversal-cli-operator-'));
  ledger = join(directory, 'ledger');
}, 600_000);

afterAll(async () => {
  await mozambique?.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

/** Runs the binary over the test's ledger (REVERSAL_LEDGER), with Mozambique configured unless `env` says otherwise. */
function cli(args: string[], env: Record<string, string> = mozambiqueEnvironment(mozambique)) {
  return runBin(args, { env: { ...env, REVERSAL_LEDGER: ledger }, cwd: directory });
}
const reversalsOf = (transactionId: string) =>
  mozambique.requests().filter((request) => request.operation === 'reversal' && JSON.stringify(request.body).includes(transactionId));

/** A Mozambique reversal the simulator applies but answers INS-1: the entry stays `unknown`. */
async function unknownEntry(reference: string) {
  const { transactionId } = mozambique.addTransaction({ amount: '30.00' });
  mozambique.addScenario({ transactionId, responseCode: 'INS-1', apply: true });
  const run = await cli(['reverse', '--transaction-id', transactionId, '--reference', reference]);
  expect(run.code, run.stderr).toBe(EXIT_CODES.unknown);
  return transactionId;
}

describe('one payment, one reversal: reverse with the ledger', { timeout: 180_000 }, () => {
  it('makes no second reference for a payment it holds, refuses a second reversal, sends a further partial one', async () => {
    const { transactionId } = mozambique.addTransaction({ amount: '100.00' });
    const first = await cli(['reverse', '--transaction-id', transactionId, '--amount', '40.00', '--reference', 'OPSPAY1']);
    expect(first.code, first.stderr).toBe(EXIT_CODES.ok);

    // Re-running the command without its reference: refused, nothing sent, the entry and its next step named.
    const again = await cli(['reverse', '--transaction-id', transactionId, '--amount', '40.00']);
    expect(again.code, again.stderr).toBe(EXIT_CODES.usage);
    expect(again.stderr).toContain(`The ledger already holds a reversal of payment ${transactionId} (vodacom-mz): nothing was sent`);
    expect(again.stderr).toContain('OPSPAY1: succeeded, amount 40.00');
    expect(again.stderr).toContain('next: reversal status --reference OPSPAY1 --ledger "$REVERSAL_LEDGER"');
    expect(again.stderr).toContain('add --additional');
    const json = await cli(['reverse', '--transaction-id', transactionId, '--amount', '40.00', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { kind: 'usage', entries: [{ reference: 'OPSPAY1', state: 'succeeded' }] } });

    // Another reference for the same payment: the ledger's payment guard, nothing recorded or sent.
    const other = await cli(['reverse', '--transaction-id', transactionId, '--amount', '10.00', '--reference', 'OPSPAY2']);
    expect(other.code, other.stderr).toBe(EXIT_CODES.usage);
    expect(other.stderr).toContain('already has a reversal under reference "OPSPAY1", which is succeeded');
    expect(other.stderr).toContain('Nothing was recorded or sent.');
    expect(reversalsOf(transactionId)).toHaveLength(1);

    const further = await cli(['reverse', '--transaction-id', transactionId, '--amount', '20.00', '--additional', '--json']);
    expect(further.code, further.stderr).toBe(EXIT_CODES.ok);
    expect(JSON.parse(further.stdout)).toMatchObject({ status: 'succeeded', ledger: { state: 'succeeded', repeated: false } });
    expect(reversalsOf(transactionId)).toHaveLength(2);
    const listed = await cli(['entries', '--transaction-id', transactionId, '--json']);
    expect(
      JSON.parse(listed.stdout)
        .entries.map((entry: { request: { amount: string } }) => entry.request.amount)
        .sort(),
    ).toEqual(['20.00', '40.00']);
  });

  it('refuses --additional without the ledger, before sending', async () => {
    const run = await cli(['reverse', '--transaction-id', 'SBXMZ00002', '--amount', '10.00', '--additional', '--no-ledger']);
    expect(run.code, run.stderr).toBe(EXIT_CODES.usage);
    expect(run.stderr).toContain('--additional is a ledger option');
  });
});

describe('reversal retry', { timeout: 180_000 }, () => {
  it("is refused with the ledger's reason while an attempt may have reversed the payment: exit of the entry, nothing sent", async () => {
    const transactionId = await unknownEntry('OPSRETRY1');
    const run = await cli(['retry', '--reference', 'OPSRETRY1']);
    expect(run.code, run.stderr).toBe(EXIT_CODES.unknown);
    expect(run.stderr).toContain('Reference "OPSRETRY1" cannot be retried: attempt 1');
    expect(run.stderr).toContain('may have reversed the payment (unknown)');
    expect(run.stderr).toContain('Nothing was sent.');
    expect(run.stderr).toContain('reversal status --reference OPSRETRY1 --ledger "$REVERSAL_LEDGER"');
    expect(reversalsOf(transactionId)).toHaveLength(1);
    const json = await cli(['retry', '--reference', 'OPSRETRY1', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { kind: 'unknown', exitCode: 4, entry: { ledger: { state: 'unknown' } } } });
  });

  it('sends a new attempt, under the same reference, after a refusal', async () => {
    const { transactionId } = mozambique.addTransaction({ amount: '30.00' });
    mozambique.addScenario({ transactionId, responseCode: 'INS-2006', times: 1 });
    const refused = await cli(['reverse', '--transaction-id', transactionId, '--reference', 'OPSRETRY2']);
    expect(refused.code, refused.stderr).toBe(EXIT_CODES.failed);
    expect(refused.stdout).toContain('  reversal retry --reference OPSRETRY2 --ledger "$REVERSAL_LEDGER"');
    const retried = await cli(['retry', '--reference', 'OPSRETRY2']);
    expect(retried.code, retried.stderr).toBe(EXIT_CODES.ok);
    expect(retried.stdout).toContain('Attempt 2         succeeded');
    expect(reversalsOf(transactionId)).toHaveLength(2);
    const unknownReference = await cli(['retry', '--reference', 'NOSUCHREF']);
    expect(unknownReference.code).toBe(EXIT_CODES.usage);
    expect(unknownReference.stderr).toContain('has no reversal with reference NOSUCHREF');
  });
});

describe('reversal resolve and reversal entries', { timeout: 180_000 }, () => {
  it('records the outcome, the note and who (the OS user by default); the CSV keeps a formula from running', async () => {
    await unknownEntry('OPSRESOLVE1');
    const formula = '=HYPERLINK("http://attacker.example","portal")';
    const run = await cli(['resolve', '--reference', 'OPSRESOLVE1', '--outcome', 'reversed', '--note', formula]);
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    const user = userInfo().username;
    expect(run.stdout).toContain(`Resolved          reversed by ${user} at `);
    expect(run.stdout).toContain(`Settled by ${user}: reversed`);

    const csv = await cli(['entries', '--csv'], {});
    expect(csv.code, csv.stderr).toBe(EXIT_CODES.ok);
    const [header, ...rows] = csv.stdout.split('\r\n').filter((line) => line !== '');
    expect(header).toBe(
      'reference,provider,state,transaction_id,amount,attempts,provider_references,conversation_ids,provider_request_ids,' +
        'reversal_transaction_id,created_at,updated_at,resolution,resolution_note,resolved_by,resolved_at',
    );
    const row = rows.find((line) => line.startsWith('OPSRESOLVE1,'));
    expect(row).toContain(`,reversed,"'=HYPERLINK(""http://attacker.example"",""portal"")",${user},`);
    expect(rows.every((line) => !/,=/.test(line))).toBe(true);

    const twice = await cli(['resolve', '--reference', 'OPSRESOLVE1', '--outcome', 'not-reversed', '--note', 'again']);
    expect(twice.code).toBe(EXIT_CODES.usage);
    expect(twice.stderr).toContain('not in doubt');
  });

  it('settles "not reversed" with --by (exit 1), and names the options a resolution lacks (exit 2)', async () => {
    await unknownEntry('OPSRESOLVE2');
    const missing = await cli(['resolve', '--reference', 'OPSRESOLVE2', '--outcome', 'maybe']);
    expect(missing.code).toBe(EXIT_CODES.usage);
    expect(missing.stderr).toContain('--outcome: must be reversed or not-reversed');
    expect(missing.stderr).toContain('--note: is required');
    const run = await cli([
      'resolve',
      '--reference',
      'OPSRESOLVE2',
      '--outcome',
      'not-reversed',
      '--note',
      'Support ticket 4471',
      '--by',
      'amina',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(EXIT_CODES.failed);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ledger: { state: 'resolved', resolution: { outcome: 'not-reversed', by: 'amina', note: 'Support ticket 4471' } },
    });
  });

  it('lists without any provider configured, by state, age and provider; --json is one document', async () => {
    await unknownEntry('OPSLIST1');
    const all = await cli(['entries'], {});
    expect(all.code, all.stderr).toBe(EXIT_CODES.ok);
    expect(all.stdout).toMatch(/^Ledger .*ledger: \d+ entries\n/);
    expect(all.stdout).toMatch(/^OPSLIST1 +vodacom-mz +unknown /m);

    const unknown = JSON.parse((await cli(['entries', '--state', 'unknown,needs-attention', '--json'], {})).stdout);
    expect(unknown.entries.length).toBeGreaterThan(0);
    expect(unknown.entries.every((entry: { state: string }) => entry.state === 'unknown')).toBe(true);
    expect(unknown).toMatchObject({ query: { states: ['unknown', 'needs-attention'], limit: 100 }, more: false });

    const old = await cli(['entries', '--older-than', '3600'], {});
    expect(old.stdout).toContain('no entries match.');
    const kenya = await cli(['entries', '--provider', 'safaricom-ke'], {});
    expect(kenya.stdout).toContain('no entries match.');
    const one = await cli(['entries', '--limit', '1'], {});
    expect(one.stdout).toContain('Showing the first 1');

    const bad = await cli(['entries', '--state', 'lost'], {});
    expect(bad.code).toBe(EXIT_CODES.usage);
    expect(bad.stderr).toContain('Unknown state lost');
    expect((await cli(['entries', '--json', '--csv'], {})).code).toBe(EXIT_CODES.usage);
  });
});
