import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../exit-codes.js';
import { KE_SEEDS, MZ_SEEDS } from '../sandbox/sandbox-scenarios.js';
import type { SandboxProvider } from '../sandbox/start-sandbox.js';
import { ensureBuilt } from '../test-support/built-cli.js';
import { exited, firstLine, runBin, spawnBin } from '../test-support/run-bin.js';
import { freePort } from '../test-support/simulators.js';

beforeAll(ensureBuilt, 600_000);

describe('reversal sandbox: the simulators standalone, for an application’s own end-to-end tests', () => {
  const directory = mkdtempSync(join(tmpdir(), 'reversal-cli-sandbox-'));
  const child = spawnBin([
    'sandbox',
    '--json',
    '--write-env',
    directory,
    '--callback-delay',
    '0',
    '--mz-transaction',
    'ORDER42=250.00:INS-2006',
    '--ke-transaction',
    'KEORDER042=300:insufficient-funds',
    '--ke-transaction',
    'KEORDER043=50',
  ]);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  let providers: Record<string, SandboxProvider>;
  const ke = join(directory, 'safaricom-ke.env');
  const mz = join(directory, 'vodacom-mz.env');

  beforeAll(async () => {
    providers = JSON.parse(await firstLine(child)).providers;
  }, 120_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('describes both simulators: endpoints, variables, seeded and added transactions', () => {
    expect(Object.keys(providers)).toEqual(['safaricom-ke', 'vodacom-mz']);
    expect(providers['safaricom-ke']!.environment).toMatchObject({ REVERSAL_PROVIDER: 'safaricom-ke', MPESA_KE_SHORT_CODE: '600992' });
    expect(providers['vodacom-mz']!.environment).toMatchObject({ REVERSAL_PROVIDER: 'vodacom-mz', MPESA_MZ_BASE_URL: 'http://127.0.0.1' });
    expect(providers['safaricom-ke']!.transactions.map((seed) => seed.transactionId)).toEqual([
      ...KE_SEEDS.map((seed) => seed.transactionId),
      'KEORDER042',
      'KEORDER043',
    ]);
    expect(providers['vodacom-mz']!.transactions).toContainEqual({
      transactionId: 'ORDER42',
      amount: '250.00',
      currency: 'MZN',
      scenario: 'INS-2006',
    });
    expect(readFileSync(mz, 'utf8')).toContain("REVERSAL_PROVIDER='vodacom-mz'");
  });

  it('serves `reversal reverse --dotenv` for Mozambique: a seeded success, a partial, and an added scenario', async () => {
    const full = await runBin(['reverse', '--dotenv', mz, '--transaction-id', MZ_SEEDS[0]!.transactionId]);
    expect(full.code, full.stderr).toBe(EXIT_CODES.ok);
    const partial = await runBin(['reverse', '--dotenv', mz, '--transaction-id', 'SBXMZ00002', '--amount', '25.50', '--json']);
    expect(JSON.parse(partial.stdout)).toMatchObject({ status: 'succeeded', amount: { value: '25.50', currency: 'MZN' } });
    const refused = await runBin(['reverse', '--dotenv', mz, '--transaction-id', 'ORDER42', '--json']);
    expect(refused.code, refused.stderr).toBe(EXIT_CODES.failed);
    expect(JSON.parse(refused.stdout)).toMatchObject({ error: { code: 'INSUFFICIENT_FUNDS', providerCode: 'INS-2006' } });
  });

  it('serves Kenya with its callbacks: --wait receives the seeded outcomes', async () => {
    const env = { MPESA_KE_RESULT_URL: `http://127.0.0.1:${await freePort()}/mpesa/result` };
    const success = await runBin(['reverse', '--dotenv', ke, '--transaction-id', 'SBXKE00001', '--amount', '100', '--wait'], { env });
    expect(success.code, success.stderr).toBe(EXIT_CODES.ok);
    expect(success.stdout).toContain('Reversal SUCCEEDED (safaricom-ke)');
    const refused = await runBin(['reverse', '--dotenv', ke, '--transaction-id', 'KEORDER042', '--amount', '300', '--wait', '--json'], { env });
    expect(refused.code, refused.stderr).toBe(EXIT_CODES.failed);
    expect(JSON.parse(refused.stdout)).toMatchObject({ error: { code: 'INSUFFICIENT_FUNDS', providerCode: '1' } });
  });

  it('prints each callback it could not deliver: the URL and the error', async () => {
    const port = await freePort();
    const resultUrl = `http://127.0.0.1:${port}/mpesa/result`;
    const accepted = await runBin(['reverse', '--dotenv', ke, '--transaction-id', 'KEORDER043', '--amount', '50'], {
      env: { MPESA_KE_RESULT_URL: resultUrl },
    });
    expect(accepted.code, accepted.stderr).toBe(EXIT_CODES.pending);
    await expect
      .poll(() => stderr, { timeout: 20_000 })
      // The adapter may add query parameters (shown as `name=…`).
      .toMatch(new RegExp(`Callback NOT delivered \\(result\\): POST ${resultUrl.replaceAll('.', '\\.')}(\\?\\S*)?: connect ECONNREFUSED`));
  });

  it('stops on SIGTERM and exits 0', async () => {
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
  });
});

describe('reversal sandbox: options', () => {
  it('prints the variables as shell exports and runs until SIGINT (exit 0)', async () => {
    const child = spawnBin(['sandbox', '--providers', 'vodacom-mz', '--result-url', 'http://127.0.0.1:3000/cb']);
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    expect(await firstLine(child)).toContain('Reversal sandbox running on 127.0.0.1');
    await new Promise((resolve) => setTimeout(resolve, 500));
    child.kill('SIGINT');
    expect(await exited(child)).toBe(0);
    expect(text).toContain("export REVERSAL_PROVIDER='vodacom-mz'");
    expect(text).toMatch(/SBXMZ00003 +100\.00 MZN +INS-2006/);
    expect(text).not.toContain('safaricom-ke');
  }, 60_000);

  it('reports a port in use as a configuration error (exit 3)', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = await runBin(['sandbox', '--providers', 'vodacom-mz', '--mz-reversal-port', String(port)]);
      expect(run.code, run.stderr).toBe(EXIT_CODES.configuration);
      expect(run.stderr).toContain(`Port ${port} is already in use`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  }, 60_000);

  it.each([
    [['--providers', 'mtn-gh'], '--providers takes safaricom-ke, vodacom-mz'],
    [['--mz-transaction', 'ORDER42'], 'must be ID=AMOUNT or ID=AMOUNT:SCENARIO'],
    [['--mz-transaction', 'ORDER42=1.234'], '--mz-transaction ORDER42: the amount'],
    [['--ke-transaction', 'KE1=10:explode'], 'unknown scenario "explode"; use one of success, already-reversed'],
    [['--mz-reversal-port', 'http'], '--mz-reversal-port must be a port number'],
    [['--mz-standard-ports', '--mz-status-port', '1'], 'Give either --mz-standard-ports or'],
    [['--callback-delay', 'soon'], '--callback-delay must be a whole number'],
  ])('explains a bad option: %j (exit 2)', async (args, message) => {
    const run = await runBin(['sandbox', ...args]);
    expect(run.code, run.stderr).toBe(EXIT_CODES.usage);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('reversal sandbox --help');
  });
});
