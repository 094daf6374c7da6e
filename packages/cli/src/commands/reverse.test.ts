import { createServer, type Server } from 'node:net';
import { startDarajaSimulator, startVodacomMzSimulator, type DarajaSimulator, type VodacomMzSimulator } from '@reversal/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../exit-codes.js';
import { ensureBuilt } from '../test-support/built-cli.js';
import { type BinRun, runBin } from '../test-support/run-bin.js';
import { freePort, kenyaEnvironment, mozambiqueEnvironment, simulatorSecrets } from '../test-support/simulators.js';

let daraja: DarajaSimulator;
let mozambique: VodacomMzSimulator;
const runs: BinRun[] = [];

beforeAll(async () => {
  await ensureBuilt();
  daraja = await startDarajaSimulator({ callbackDelayMs: 20 });
  mozambique = await startVodacomMzSimulator({ keyBits: 2048 });
}, 600_000);

afterAll(async () => {
  await daraja?.close();
  await mozambique?.close();
});

async function reversal(args: string[], env: Record<string, string>): Promise<BinRun> {
  const run = await runBin(['reverse', ...args], { env });
  runs.push(run);
  return run;
}

describe('reversal reverse against the Vodacom Mozambique simulator', () => {
  it('reverses part of a payment and exits 0', async () => {
    const { transactionId } = mozambique.addTransaction({ amount: '100.00' });
    const run = await reversal(['--transaction-id', transactionId, '--amount', '40', '--reference', 'CLIPART1'], mozambiqueEnvironment(mozambique));
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    expect(run.stdout).toContain('Reversal SUCCEEDED (vodacom-mz)');
    expect(run.stdout).toMatch(/Amount +40\.00 MZN/);
    expect(run.stdout).toMatch(/Reference +CLIPART1/);
    expect(mozambique.transaction(transactionId)?.reversed).toBe('40.00');
  });

  it('prints the result model as JSON with --json', async () => {
    const { transactionId } = mozambique.addTransaction({ amount: '75.50' });
    const run = await reversal(['--transaction-id', transactionId, '--json'], mozambiqueEnvironment(mozambique));
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ status: 'succeeded', provider: 'vodacom-mz', originalTransactionId: transactionId });
    expect(result.reference).toMatch(/^[A-Za-z0-9]{1,20}$/);
    expect(typeof result.reversalTransactionId).toBe('string');
    expect(Object.keys(result)[0]).toBe('status');
    expect(mozambique.transaction(transactionId)?.remaining).toBe('0.00');
  });

  it('exits 1 for a refusal and says whether trying again can help', async () => {
    const { transactionId } = mozambique.addTransaction({ amount: '10.00' });
    mozambique.addScenario({ transactionId, responseCode: 'INS-2006' });
    const run = await reversal(['--transaction-id', transactionId], mozambiqueEnvironment(mozambique));
    expect(run.code, run.stderr).toBe(EXIT_CODES.failed);
    expect(run.stdout).toContain('Reversal FAILED');
    expect(run.stdout).toContain('INSUFFICIENT_FUNDS (provider code INS-2006), retryable');
    expect(run.stdout).toContain('The same request may succeed later');
  });

  it('exits 4 for an unknown outcome and prints the status command to run, never "failed"', async () => {
    const { transactionId } = mozambique.addTransaction({ amount: '10.00' });
    mozambique.addScenario({ transactionId, responseCode: 'INS-1', apply: true });
    const run = await reversal(['--transaction-id', transactionId, '--reference', 'CLIUNKNOWN1'], mozambiqueEnvironment(mozambique));
    expect(run.code, run.stderr).toBe(EXIT_CODES.unknown);
    expect(run.stdout).toContain('Reversal UNKNOWN');
    expect(run.stdout).toContain('Do NOT send it again');
    expect(run.stdout).toContain(`reversal status --transaction-id ${transactionId} --reference CLIUNKNOWN1`);
  });

  it('exits 1 with PROVIDER_UNAVAILABLE when nothing listens (provably not sent)', async () => {
    const env = { ...mozambiqueEnvironment(mozambique), MPESA_MZ_REVERSAL_PORT: String(await freePort()) };
    const run = await reversal(['--transaction-id', 'NOBODYHOME1', '--json'], env);
    expect(run.code, run.stderr).toBe(EXIT_CODES.failed);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'failed', error: { code: 'PROVIDER_UNAVAILABLE', retryable: true } });
  });

  it('names the option of an invalid request field and sends nothing (exit 2)', async () => {
    const before = mozambique.requests().length;
    const run = await reversal(['--transaction-id', 'ABC 123', '--amount', '12.345'], mozambiqueEnvironment(mozambique));
    expect(run.code, run.stderr).toBe(EXIT_CODES.usage);
    expect(run.stderr).toContain('The reversal request is invalid; nothing was sent.');
    expect(run.stderr).toMatch(/--amount: /);
    expect(run.stderr).toMatch(/--transaction-id: /);
    expect(mozambique.requests().length).toBe(before);
  });
});

describe('reversal reverse against the Daraja simulator (result by callback)', () => {
  const kenya = async (resultPort?: number) =>
    kenyaEnvironment(daraja, `http://127.0.0.1:${resultPort ?? (await freePort())}/mpesa/reversal/result`);

  it('exits 5 with "pending" without --wait, and says how to receive the outcome', async () => {
    const { transactionId } = daraja.addTransaction({ amount: 200 });
    const run = await reversal(['--transaction-id', transactionId, '--amount', '200'], await kenya());
    expect(run.code, run.stderr).toBe(EXIT_CODES.pending);
    expect(run.stdout).toContain('Reversal PENDING (safaricom-ke)');
    expect(run.stdout).toContain('Add --wait');
  });

  it('receives the success callback with --wait and exits 0', async () => {
    const { transactionId } = daraja.addTransaction({ amount: 200 });
    const run = await reversal(['--transaction-id', transactionId, '--amount', '200', '--wait', '--json'], await kenya());
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ status: 'succeeded', originalTransactionId: transactionId, amount: { value: '200.00', currency: 'KES' } });
    expect(result.reversalTransactionId).toBe(daraja.transaction(transactionId)?.reversalTransactionId);
  });

  it('prints a failure callback with its Daraja code (exit 1)', async () => {
    const { transactionId } = daraja.addTransaction({ amount: 50, scenario: 'already-reversed' });
    const run = await reversal(['--transaction-id', transactionId, '--amount', '50', '--wait'], await kenya());
    expect(run.code, run.stderr).toBe(EXIT_CODES.failed);
    expect(run.stdout).toContain('ALREADY_REVERSED (provider code R000001)');
    expect(run.stderr).toMatch(/Listening for the result callback on http:\/\/127\.0\.0\.1:\d+/);
  });

  it('reads a queue timeout as unknown (exit 4), never as failed', async () => {
    const { transactionId } = daraja.addTransaction({ amount: 50, scenario: 'queue-timeout' });
    const run = await reversal(['--transaction-id', transactionId, '--amount', '50', '--wait', '--json'], await kenya());
    expect(run.code, run.stderr).toBe(EXIT_CODES.unknown);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'unknown', error: { code: 'TIMEOUT' } });
  });

  it('stays pending (exit 5) when no callback comes within --wait-timeout', async () => {
    const { transactionId } = daraja.addTransaction({ amount: 50, scenario: 'no-callback' });
    const run = await reversal(['--transaction-id', transactionId, '--amount', '50', '--wait', '--wait-timeout', '1'], await kenya());
    expect(run.code, run.stderr).toBe(EXIT_CODES.pending);
    expect(run.stdout).toContain('Reversal PENDING');
  });

  it('listens where --listen says when the result URL is not local', async () => {
    const port = await freePort();
    const env = kenyaEnvironment(daraja, `http://localhost:${port}/cb`);
    const { transactionId } = daraja.addTransaction({ amount: 20 });
    const run = await reversal(['--transaction-id', transactionId, '--amount', '20', '--wait', '--listen', `127.0.0.1:${port}`], env);
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    expect(run.stdout).toContain('Reversal SUCCEEDED (safaricom-ke)');
  });

  it('refuses --wait without a local result URL or --listen, before sending (exit 2)', async () => {
    const before = daraja.requests().length;
    const env = kenyaEnvironment(daraja, 'https://shop.example/mpesa/result');
    const run = await reversal(['--transaction-id', 'PDU91HIVIT', '--amount', '20', '--wait'], env);
    expect(run.code, run.stderr).toBe(EXIT_CODES.usage);
    expect(run.stderr).toContain('MPESA_KE_RESULT_URL does not point at this machine');
    expect(run.stderr).toContain('--listen <port>');
    expect(daraja.requests().length).toBe(before);
  });

  it('reports a callback port in use as a configuration error before sending (exit 3)', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const before = daraja.requests().length;
      const run = await reversal(['--transaction-id', 'PDU91HIVIT', '--amount', '20', '--wait'], await kenya(port));
      expect(run.code, run.stderr).toBe(EXIT_CODES.configuration);
      expect(run.stderr).toContain(`Port ${port} on 127.0.0.1 is in use; nothing was sent.`);
      expect(daraja.requests().length).toBe(before);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it("applies Daraja's own checks: whole shillings only (exit 2)", async () => {
    const run = await reversal(['--transaction-id', 'PDU91HIVIT', '--amount', '20.50'], await kenya());
    expect(run.code, run.stderr).toBe(EXIT_CODES.usage);
    expect(run.stderr).toContain('--amount: must be whole shillings');
  });
});

afterAll(() => {
  // Whatever the command printed, no credential of either simulator may appear in it.
  const printed = runs.map((run) => run.stdout + run.stderr).join('\n');
  expect(runs.length).toBeGreaterThan(10);
  for (const secret of simulatorSecrets(daraja, mozambique)) expect(printed).not.toContain(secret);
});
