import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from './exit-codes.js';
import { ensureBuilt } from './test-support/built-cli.js';
import { runBin } from './test-support/run-bin.js';

beforeAll(ensureBuilt, 600_000);

const COMMANDS = ['reverse', 'status', 'reconcile', 'entries', 'retry', 'resolve', 'security-credential', 'sandbox'];

describe('reversal (the built binary): help, usage errors, exit codes', () => {
  it('prints the commands and the exit codes with --help, and exits 0', async () => {
    const run = await runBin(['--help']);
    expect(run.code, run.stderr).toBe(0);
    for (const command of COMMANDS) {
      expect(run.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
    expect(run.stdout).toContain('$XDG_STATE_HOME/reversal/ledger');
    for (const code of Object.values(EXIT_CODES)) expect(run.stdout).toMatch(new RegExp(`^ +${code}  `, 'm'));
  });

  it('prints the help on stderr and exits 2 without a command', async () => {
    const run = await runBin([]);
    expect(run.code, run.stderr).toBe(EXIT_CODES.usage);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Usage: reversal <command>');
  });

  it('prints its version', async () => {
    const run = await runBin(['--version']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each(COMMANDS)('has --help for %s', async (command) => {
    const run = await runBin([command, '--help']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Usage: reversal ${command}`);
    expect(run.stdout).toContain('Exit codes:');
  });

  it('lists every provider environment variable in reverse --help, secrets marked', async () => {
    const run = await runBin(['reverse', '--help']);
    expect(run.stdout).toContain('REVERSAL_PROVIDER');
    expect(run.stdout).toMatch(/MPESA_KE_CONSUMER_SECRET +\(secret\)/);
    expect(run.stdout).toMatch(/MPESA_MZ_API_KEY +\(secret\)/);
    expect(run.stdout).toContain('MPESA_MZ_PUBLIC_KEY');
  });

  it('names an unknown command and lists the real ones (exit 2)', async () => {
    const run = await runBin(['refund']);
    expect(run.code, run.stderr).toBe(EXIT_CODES.usage);
    expect(run.stderr).toContain('Unknown command "refund"');
    expect(run.stderr).toContain('reverse, status, reconcile, entries, retry, resolve, security-credential, sandbox');
    expect(run.stderr).toContain('reversal --help');
  });

  it('suggests the option meant by a misspelt one (exit 2)', async () => {
    const run = await runBin(['reverse', '--transaction', 'PDU91HIVIT']);
    expect(run.code, run.stderr).toBe(EXIT_CODES.usage);
    expect(run.stderr).toContain('Unknown option --transaction (did you mean --transaction-id?)');
    expect(run.stderr).toContain('Run `reversal reverse --help`');
  });

  it('says which option lacks its value, and rejects stray arguments (exit 2)', async () => {
    const missing = await runBin(['reverse', '--transaction-id']);
    expect(missing.code, missing.stderr).toBe(EXIT_CODES.usage);
    expect(missing.stderr).toContain('Option --transaction-id needs a value');
    const stray = await runBin(['status', 'PDU91HIVIT']);
    expect(stray.code, stray.stderr).toBe(EXIT_CODES.usage);
    expect(stray.stderr).toContain('Unexpected argument "PDU91HIVIT"');
  });

  it('asks for --transaction-id before reading any configuration (exit 2)', async () => {
    const run = await runBin(['reverse', '--amount', '10']);
    expect(run.code, run.stderr).toBe(EXIT_CODES.usage);
    expect(run.stderr).toContain('Missing --transaction-id');
  });

  it('names the missing REVERSAL_PROVIDER and the known providers (exit 3)', async () => {
    const run = await runBin(['reverse', '--transaction-id', 'PDU91HIVIT', '--amount', '10']);
    expect(run.code, run.stderr).toBe(EXIT_CODES.configuration);
    expect(run.stderr).toContain('REVERSAL_PROVIDER: is required');
    expect(run.stderr).toContain('"safaricom-ke", "vodacom-mz"');
    expect(run.stderr).toContain('--dotenv');
  });

  it('names each missing variable of the chosen provider, never a value (exit 3)', async () => {
    const run = await runBin(['reverse', '--transaction-id', 'PDU91HIVIT', '--amount', '10'], {
      env: { REVERSAL_PROVIDER: 'safaricom-ke', MPESA_KE_CONSUMER_KEY: 'key-canary-9f2' },
    });
    expect(run.code, run.stderr).toBe(EXIT_CODES.configuration);
    expect(run.stderr).toContain('MPESA_KE_CONSUMER_SECRET (consumerSecret)');
    expect(run.stderr).toContain('MPESA_KE_RESULT_URL (resultUrl)');
    expect(run.stderr).not.toContain('key-canary-9f2');
  });

  it('reports a missing --dotenv by path (exit 3)', async () => {
    const run = await runBin(['reverse', '--transaction-id', 'PDU91HIVIT', '--dotenv', 'no-such.env']);
    expect(run.code, run.stderr).toBe(EXIT_CODES.configuration);
    expect(run.stderr).toMatch(/Cannot read the env file .*no-such\.env \(ENOENT\)/);
  });

  it('prints usage errors as one JSON document on stdout with --json', async () => {
    const run = await runBin(['reverse', '--amount', '10', '--json']);
    expect(run.code, run.stderr).toBe(EXIT_CODES.usage);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      error: {
        kind: 'usage',
        exitCode: 2,
        message: expect.stringContaining('Missing --transaction-id'),
        hint: 'Run `reversal reverse --help` for the options.',
      },
    });
  });
});
