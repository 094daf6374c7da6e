import { createServer, type Server } from 'node:net';
import { safaricomKe } from '@reversal/safaricom-ke';
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

/** The `reversal status …` command line the output tells the user to run, if any (one at most). */
function suggestedStatusCommand(stdout: string): string | undefined {
  const commands = [...stdout.matchAll(/^ {2}(reversal status .*)$/gm)].map((match) => match[1]!);
  expect(commands.length).toBeLessThanOrEqual(1);
  return commands[0];
}

/** What the output says to do next: the paragraph after the result (the rest is the result's own text). */
function nextStep(stdout: string): string {
  return stdout.slice(stdout.indexOf('\n\n'));
}

/** Runs a suggested command line exactly as printed (its values need no shell quoting here). */
async function runSuggested(command: string, env: Record<string, string>): Promise<BinRun> {
  const run = await runBin(command.split(' ').slice(1), { env });
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

  it('exits 4 for an unknown outcome and prints the status command that settles it, never "failed"', async () => {
    const { transactionId } = mozambique.addTransaction({ amount: '10.00' });
    mozambique.addScenario({ transactionId, responseCode: 'INS-1', apply: true });
    const run = await reversal(['--transaction-id', transactionId, '--reference', 'CLIUNKNOWN1'], mozambiqueEnvironment(mozambique));
    expect(run.code, run.stderr).toBe(EXIT_CODES.unknown);
    expect(run.stdout).toContain('Reversal UNKNOWN');
    expect(run.stdout).toContain('The reversal may have been applied. Do NOT send it again; check it with:');
    expect(run.stdout).not.toMatch(/not reversed/i);
    expect(nextStep(run.stdout)).not.toContain('checkStatus');
    const command = suggestedStatusCommand(run.stdout);
    expect(command).toMatch(new RegExp(`^reversal status --transaction-id ${transactionId} --reference CLIUNKNOWN1( |$)`));
    // Doing what it says settles it: the simulator applied the reversal.
    const status = await runSuggested(command!, mozambiqueEnvironment(mozambique));
    expect(status.code, status.stderr).toBe(EXIT_CODES.ok);
    expect(status.stdout).toContain('Status of the reversal: SUCCEEDED (vodacom-mz)');
  });

  it('a resend with the same reference (INS-10) is a duplicate: exit 4, "check its status", the command that finds the first one', async () => {
    const env = mozambiqueEnvironment(mozambique);
    const { transactionId } = mozambique.addTransaction({ amount: '10.00' });
    const first = await reversal(['--transaction-id', transactionId, '--reference', 'CLIDUPLICATE1'], env);
    expect(first.code, first.stderr).toBe(EXIT_CODES.ok);
    const resend = await reversal(['--transaction-id', transactionId, '--reference', 'CLIDUPLICATE1'], env);
    expect(resend.code, resend.stderr).toBe(EXIT_CODES.unknown);
    expect(resend.stdout).toContain('Reversal UNKNOWN (vodacom-mz)');
    expect(resend.stdout).toContain('DUPLICATE_REQUEST (provider code INS-10)');
    expect(resend.stdout).toContain('A request with this reference was already received: this one changed nothing');
    expect(resend.stdout).not.toMatch(/not reversed|FAILED/i);
    expect(nextStep(resend.stdout)).not.toContain('checkStatus');
    const command = suggestedStatusCommand(resend.stdout);
    expect(command).toMatch(new RegExp(`^reversal status --transaction-id ${transactionId} --reference CLIDUPLICATE1( --provider-request-id CLIDUPLICATE1)?$`));
    const status = await runSuggested(command!, env);
    expect(status.code, status.stderr).toBe(EXIT_CODES.ok);
    expect(status.stdout).toContain('Status of the reversal: SUCCEEDED (vodacom-mz)');
    expect(mozambique.transaction(transactionId)?.reversed).toBe('10.00');
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

  /** What a Kenya result points to next: the status command when Daraja can be asked, else the portal. */
  const expectKenyaNextStep = (stdout: string, transactionId: string) => {
    if (safaricomKe.capabilities.statusCheck) {
      expect(suggestedStatusCommand(stdout)).toMatch(new RegExp(`^reversal status --transaction-id ${transactionId} --reference \\w+`));
    } else {
      expect(suggestedStatusCommand(stdout)).toBeUndefined();
      expect(stdout).toContain('look the transaction up in the M-Pesa organisation portal');
    }
  };

  it('exits 5 with "pending" without --wait, and never suggests --wait (it would send a second reversal)', async () => {
    const { transactionId } = daraja.addTransaction({ amount: 200 });
    const run = await reversal(['--transaction-id', transactionId, '--amount', '200'], await kenya());
    expect(run.code, run.stderr).toBe(EXIT_CODES.pending);
    expect(run.stdout).toContain('Reversal PENDING (safaricom-ke)');
    expect(run.stdout).toContain('Accepted: the provider will POST the outcome to your result URL. Do NOT send it again');
    expect(run.stdout).not.toMatch(/add --wait/i);
    expectKenyaNextStep(run.stdout, transactionId);
  });

  it('a second reversal of a reversed payment (R000001) is "already reversed": exit 6, never "Not reversed"', async () => {
    const { transactionId } = daraja.addTransaction({ amount: 200 });
    const first = await reversal(['--transaction-id', transactionId, '--amount', '200'], await kenya());
    expect(first.code, first.stderr).toBe(EXIT_CODES.pending);
    // What the old hint ("Add --wait to receive it here") made people do: the same reversal, again.
    const again = await reversal(['--transaction-id', transactionId, '--amount', '200', '--wait'], await kenya());
    expect(again.code, again.stderr).toBe(EXIT_CODES.alreadyReversed);
    expect(again.stdout).toContain('Reversal ALREADY REVERSED (safaricom-ke)');
    expect(again.stdout).toContain('ALREADY_REVERSED (provider code R000001)');
    expect(again.stdout).toContain('Already reversed: the provider says this payment was reversed before');
    expect(again.stdout).toContain('This request changed nothing. Do NOT send it again');
    expect(again.stdout).not.toMatch(/not reversed|FAILED|Fix the cause/i);
    expect(again.stderr).toMatch(/Listening for the result callback on http:\/\/127\.0\.0\.1:\d+/);
    expect(daraja.transaction(transactionId)?.reversalTransactionId).toBeDefined();
  });

  it('prints the already-reversed scenario the same way with --json: the result model, exit 6', async () => {
    const { transactionId } = daraja.addTransaction({ amount: 50, scenario: 'already-reversed' });
    const run = await reversal(['--transaction-id', transactionId, '--amount', '50', '--wait', '--json'], await kenya());
    expect(run.code, run.stderr).toBe(EXIT_CODES.alreadyReversed);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'ALREADY_REVERSED', providerCode: 'R000001' } });
  });

  it('receives the success callback with --wait and exits 0', async () => {
    const { transactionId } = daraja.addTransaction({ amount: 200 });
    const run = await reversal(['--transaction-id', transactionId, '--amount', '200', '--wait', '--json'], await kenya());
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ status: 'succeeded', originalTransactionId: transactionId, amount: { value: '200.00', currency: 'KES' } });
    expect(result.reversalTransactionId).toBe(daraja.transaction(transactionId)?.reversalTransactionId);
  });

  it('prints a failure callback with its Daraja code (exit 1): a refusal is not reversed', async () => {
    const { transactionId } = daraja.addTransaction({ amount: 50, scenario: 'insufficient-funds' });
    const run = await reversal(['--transaction-id', transactionId, '--amount', '50', '--wait'], await kenya());
    expect(run.code, run.stderr).toBe(EXIT_CODES.failed);
    expect(run.stdout).toContain('Reversal FAILED (safaricom-ke)');
    expect(run.stdout).toMatch(/INSUFFICIENT_FUNDS \(provider code 1\)/);
    expect(run.stdout).toContain('Not reversed.');
  });

  it('reads a queue timeout as unknown (exit 4), never as failed', async () => {
    const { transactionId } = daraja.addTransaction({ amount: 50, scenario: 'queue-timeout' });
    const run = await reversal(['--transaction-id', transactionId, '--amount', '50', '--wait', '--json'], await kenya());
    expect(run.code, run.stderr).toBe(EXIT_CODES.unknown);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'unknown', error: { code: 'TIMEOUT' } });
  });

  it('stays pending (exit 5) when no callback comes within --wait-timeout, and says not to send it again', async () => {
    const { transactionId } = daraja.addTransaction({ amount: 50, scenario: 'no-callback' });
    const run = await reversal(['--transaction-id', transactionId, '--amount', '50', '--wait', '--wait-timeout', '1'], await kenya());
    expect(run.code, run.stderr).toBe(EXIT_CODES.pending);
    expect(run.stdout).toContain('Reversal PENDING (safaricom-ke)');
    expect(run.stdout).toContain('No result callback arrived within 1 s. The reversal was accepted and may still be applied: do NOT send it again.');
    expect(run.stdout).not.toMatch(/add --wait/i);
    expectKenyaNextStep(run.stdout, transactionId);
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
    expect(run.stderr).toMatch(/--amount: must be whole (shillings|units)/);
  });
});

afterAll(() => {
  // Whatever the command printed, no credential of either simulator may appear in it.
  const printed = runs.map((run) => run.stdout + run.stderr).join('\n');
  expect(runs.length).toBeGreaterThan(10);
  for (const secret of simulatorSecrets(daraja, mozambique)) expect(printed).not.toContain(secret);
});
