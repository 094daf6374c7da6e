import { X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDarajaSimulator, type DarajaSimulator } from '@reversal/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../exit-codes.js';
import { ensureBuilt } from '../test-support/built-cli.js';
import { runBin } from '../test-support/run-bin.js';
import { freePort, kenyaEnvironment } from '../test-support/simulators.js';

let daraja: DarajaSimulator;
const directory = mkdtempSync(join(tmpdir(), 'reversal-cli-credential-'));
const certificateFile = join(directory, 'simulator.cer');
const BASE64_RSA_2048 = /^[A-Za-z0-9+/]{342}==\n$/;

beforeAll(async () => {
  await ensureBuilt();
  daraja = await startDarajaSimulator({ callbackDelayMs: 20 });
  writeFileSync(certificateFile, daraja.certificatePem);
}, 600_000);

afterAll(() => daraja?.close());

/** Sends a reversal with a pre-computed credential (no password) and waits for the callback. */
async function reverseWithCredential(securityCredential: string) {
  const { MPESA_KE_INITIATOR_PASSWORD: _password, ...env } = kenyaEnvironment(
    daraja,
    `http://127.0.0.1:${await freePort()}/result`,
  );
  const { transactionId } = daraja.addTransaction({ amount: 100 });
  const args = ['reverse', '--transaction-id', transactionId, '--amount', '100', '--wait', '--json'];
  return runBin(args, { env: { ...env, MPESA_KE_SECURITY_CREDENTIAL: securityCredential } });
}

describe('reversal security-credential', () => {
  it('encrypts the piped password (trailing newline dropped) so that Daraja accepts it', async () => {
    const run = await runBin(['security-credential', '--certificate', certificateFile], { input: `${daraja.initiatorPassword}\n` });
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    expect(run.stdout).toMatch(BASE64_RSA_2048);
    const reversal = await reverseWithCredential(run.stdout.trim());
    expect(reversal.code, reversal.stderr).toBe(EXIT_CODES.ok);
    expect(daraja.requests().at(-1)?.credentialValid).toBe(true);
  });

  it('reads the password from --password-file or MPESA_KE_INITIATOR_PASSWORD, and Daraja accepts both', async () => {
    const file = join(directory, 'initiator-password');
    writeFileSync(file, `${daraja.initiatorPassword}\n`);
    const fromFile = await runBin(['security-credential', '--certificate', certificateFile, '--password-file', file]);
    const fromEnvironment = await runBin(['security-credential', '--certificate', certificateFile], {
      env: { MPESA_KE_INITIATOR_PASSWORD: daraja.initiatorPassword },
    });
    expect(fromFile.stderr).toContain('from the password in --password-file');
    expect(fromEnvironment.stderr).toContain('from the password in MPESA_KE_INITIATOR_PASSWORD');
    for (const run of [fromFile, fromEnvironment]) {
      expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
      const reversal = await reverseWithCredential(run.stdout.trim());
      expect(reversal.code, reversal.stderr).toBe(EXIT_CODES.ok);
      expect(daraja.requests().at(-1)?.credentialValid).toBe(true);
    }
  });

  it('explains an unreadable password file without reading anything else (exit 2)', async () => {
    const missing = join(directory, 'no-such-password');
    const run = await runBin(['security-credential', '--environment', 'sandbox', '--password-file', missing], { input: 'secret' });
    expect(run.code, run.stderr).toBe(EXIT_CODES.usage);
    expect(run.stderr).toContain(`Cannot read the password file ${missing} (ENOENT)`);
  });

  it('makes a credential Daraja refuses from a wrong password: 2001, AUTHENTICATION_FAILED (exit 1)', async () => {
    const run = await runBin(['security-credential', '--certificate', certificateFile], { input: 'not-the-password' });
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    const reversal = await reverseWithCredential(run.stdout.trim());
    expect(reversal.code, reversal.stderr).toBe(EXIT_CODES.failed);
    expect(JSON.parse(reversal.stdout)).toMatchObject({ error: { code: 'AUTHENTICATION_FAILED', providerCode: '2001' } });
  });

  it('never prints the password, and refuses it as an argument, saying why and what to use (exit 2)', async () => {
    const password = 'Pa55-canary-7e1b';
    const piped = await runBin(['security-credential', '--environment', 'sandbox'], { input: password });
    expect(piped.code, piped.stderr).toBe(EXIT_CODES.ok);
    expect(piped.stderr).toContain('from the password on stdin');
    for (const args of [['--password', password], [`--password=${password}`], ['--password', password, '--json']]) {
      const argument = await runBin(['security-credential', '--environment', 'sandbox', ...args], { input: password });
      expect(argument.code, argument.stderr).toBe(EXIT_CODES.usage);
      if (args.includes('--json')) expect(JSON.parse(argument.stdout).error.message).toContain('--password is refused');
      else expect(argument.stdout).toBe('');
      expect(argument.stdout + argument.stderr).not.toContain(password);
      expect(argument.stdout + argument.stderr).not.toMatch(/[A-Za-z0-9+/]{342}==/);
      if (!args.includes('--json')) {
        expect(argument.stderr).toContain('/proc/<pid>/cmdline');
        expect(argument.stderr).toContain('--password-file');
        expect(argument.stderr).toContain('MPESA_KE_INITIATOR_PASSWORD');
      }
    }
    expect(piped.stdout + piped.stderr).not.toContain(password);
  });

  it('uses the bundled certificates and says which one (JSON)', async () => {
    for (const [environment, commonName] of [
      ['sandbox', 'CN=apicrypt.safaricom.co.ke'],
      ['production', 'CN=apigee.apicaller.safaricom.co.ke'],
    ] as const) {
      const run = await runBin(['security-credential', '--environment', environment, '--json'], { input: 'secret' });
      expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
      const output = JSON.parse(run.stdout);
      expect(output.securityCredential).toMatch(/^[A-Za-z0-9+/]{342}==$/);
      expect(output.certificate).toMatchObject({ source: environment, keyBits: 2048 });
      expect(output.certificate.subject).toContain(commonName);
      expect(output.certificate.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    }
  });

  it('reads a DER certificate file, and MPESA_KE_ENVIRONMENT when no option is given', async () => {
    const der = join(directory, 'simulator.der');
    writeFileSync(der, new X509Certificate(daraja.certificatePem).raw);
    const fromDer = await runBin(['security-credential', '--certificate', der, '--json'], { input: 'secret' });
    expect(fromDer.code, fromDer.stderr).toBe(EXIT_CODES.ok);
    expect(JSON.parse(fromDer.stdout).certificate).toMatchObject({ source: 'file', subject: expect.stringContaining('daraja-simulator') });
    const fromEnv = await runBin(['security-credential', '--json'], { input: 'secret', env: { MPESA_KE_ENVIRONMENT: 'Production' } });
    expect(JSON.parse(fromEnv.stdout).certificate.source).toBe('production');
    const fromFileVariable = await runBin(['security-credential', '--json'], { input: 'secret', env: { MPESA_KE_CERTIFICATE_FILE: der } });
    expect(fromFileVariable.code, fromFileVariable.stderr).toBe(EXIT_CODES.ok);
    expect(JSON.parse(fromFileVariable.stdout).certificate).toMatchObject({ source: 'MPESA_KE_CERTIFICATE_FILE', path: der });
  });

  it.each([
    [[], 'Say which certificate to encrypt with'],
    [['--environment', 'sandbox', '--certificate', 'x.cer'], 'Give either --certificate or --environment'],
    [['--environment', 'staging'], 'must be "sandbox" or "production"'],
    [['--certificate', 'missing.cer'], '(ENOENT)'],
  ])('explains a bad choice of certificate: %j (exit 2)', async (args, message) => {
    const run = await runBin(['security-credential', ...args], { input: 'secret' });
    expect(run.code, run.stderr).toBe(EXIT_CODES.usage);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('reversal security-credential --help');
  });

  it('refuses a file that is no certificate, naming it (exit 2)', async () => {
    const bogus = join(directory, 'bogus.cer');
    writeFileSync(bogus, '-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n');
    const run = await runBin(['security-credential', '--certificate', bogus], { input: 'secret' });
    expect(run.code, run.stderr).toBe(EXIT_CODES.usage);
    expect(run.stderr).toContain(`The certificate file ${bogus} is not a certificate that can be read`);
  });

  it('asks for a password when stdin is empty (exit 2)', async () => {
    const run = await runBin(['security-credential', '--environment', 'sandbox', '--json']);
    expect(run.code).toBe(EXIT_CODES.usage);
    expect(JSON.parse(run.stdout).error.message).toContain('No password');
  });
});
