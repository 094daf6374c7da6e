import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { createProviderRegistry, ReversalConfigError } from '@reversal/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SANDBOX_CERTIFICATE } from './certificates/sandbox-certificate.js';
import { createSafaricomKeProvider } from './create-provider.js';
import { safaricomKe } from './definition.js';
import type { SafaricomKeOptions } from './options.js';

const CALLBACK_SECRET = 'cb-secret-0123456789abcdefghijklmnopqrstuv';
const valid: SafaricomKeOptions = {
  consumerKey: 'key-1234',
  consumerSecret: 'secret-5678',
  initiatorName: 'apiop37',
  initiatorPassword: 'pass-9012',
  shortCode: '600992',
  resultUrl: 'https://shop.example/mpesa/result',
  callbackSecret: CALLBACK_SECRET,
};
const environment = {
  REVERSAL_PROVIDER: 'safaricom-ke',
  MPESA_KE_ENVIRONMENT: 'production',
  MPESA_KE_CONSUMER_KEY: 'key-1234',
  MPESA_KE_CONSUMER_SECRET: 'secret-5678',
  MPESA_KE_INITIATOR_NAME: 'apiop37',
  MPESA_KE_INITIATOR_PASSWORD: 'pass-9012',
  MPESA_KE_SHORT_CODE: '603021',
  MPESA_KE_RESULT_URL: 'https://shop.example/mpesa/result',
  MPESA_KE_CALLBACK_SECRET: CALLBACK_SECRET,
  MPESA_KE_TIMEOUT_MS: '15000',
};
afterEach(() => vi.restoreAllMocks());

const configError = (options: unknown): ReversalConfigError => {
  try {
    createSafaricomKeProvider(options as SafaricomKeOptions);
  } catch (error) {
    if (ReversalConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ReversalConfigError');
};

describe('options', () => {
  it('builds a provider from valid options, with the bundled sandbox certificate', async () => {
    const provider = createSafaricomKeProvider(valid);
    expect(provider.id).toBe('safaricom-ke');
    expect(provider.capabilities).toEqual({
      partialReversal: false,
      resultDelivery: 'callback',
      currencies: ['KES'],
      statusCheck: true,
      statusDelivery: 'callback',
    });
    await provider.close();
  });

  it('names every missing option', () => {
    const fields = configError({}).issues.map((issue) => issue.field);
    expect(fields).toEqual(expect.arrayContaining(['consumerKey', 'consumerSecret', 'initiatorName', 'shortCode', 'resultUrl']));
  });

  const bad: Array<[string, Record<string, unknown>, string]> = [
    ['both a password and a credential', { securityCredential: 'abc' }, 'initiatorPassword'],
    ['neither a password nor a credential', { initiatorPassword: undefined }, 'initiatorPassword'],
    ['an http result URL off loopback', { resultUrl: 'http://shop.example/result' }, 'resultUrl'],
    ['a relative result URL', { resultUrl: '/result' }, 'resultUrl'],
    ['a {reference} placeholder in the query', { resultUrl: 'https://shop.example/r?ref={reference}' }, 'resultUrl'],
    ['two {reference} placeholders', { resultUrl: 'https://shop.example/{reference}/{reference}' }, 'resultUrl'],
    ['a short code with letters', { shortCode: 'ABC123' }, 'shortCode'],
    ['an unknown environment', { environment: 'staging' }, 'environment'],
    ['a short callback secret', { callbackSecret: 'too-short' }, 'callbackSecret'],
    ['no callback secret', { callbackSecret: undefined }, 'callbackSecret'],
    ['unsignedCallbacks: false without a secret', { callbackSecret: undefined, unsignedCallbacks: false }, 'callbackSecret'],
    ['a callback secret and unsignedCallbacks: true', { unsignedCallbacks: true }, 'callbackSecret'],
    ['unsignedCallbacks as text', { callbackSecret: undefined, unsignedCallbacks: 'true' }, 'unsignedCallbacks'],
    ['a misspelt option', { resultURL: 'https://shop.example/result' }, 'resultURL'],
    ['a timeout of zero', { timeoutMs: 0 }, 'timeoutMs'],
    ['an unreadable certificate', { certificate: '-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----' }, 'certificate'],
    ['an unreadable certificate with a credential', { initiatorPassword: undefined, securityCredential: 'abc', certificate: 'nope!' }, 'certificate'],
    ['a certificate file that does not exist', { certificateFile: join(tmpdir(), 'no-such-dir-7f3a', 'cert.cer') }, 'certificateFile'],
    ['both certificate and certificateFile', { certificate: SANDBOX_CERTIFICATE, certificateFile: 'cert.cer' }, 'certificateFile'],
  ];
  for (const [name, overrides, field] of bad) {
    it(`refuses ${name}, naming ${field}`, () => {
      const error = configError({ ...valid, ...overrides });
      expect(error.issues.map((issue) => issue.field)).toContain(field);
      expect(error.message).not.toContain('secret-5678');
      expect(error.message).not.toContain('pass-9012');
      expect(error.message).not.toContain(CALLBACK_SECRET);
    });
  }

  it('says how to make a callback secret, and how to opt out, when it is missing', () => {
    const message = configError({ ...valid, callbackSecret: undefined }).message;
    expect(message).toContain('openssl rand -base64 32');
    expect(message).toContain('unsignedCallbacks: true');
  });

  it('accepts a {reference} placeholder in the path, a Secret, and a numeric short code', async () => {
    const provider = createSafaricomKeProvider({ ...valid, shortCode: 600992, resultUrl: 'https://shop.example/mpesa/{reference}/result' });
    await provider.close();
  });

  it('never echoes a credential in a configuration error', () => {
    const error = configError({ ...valid, consumerKey: 42, consumerSecret: ['secret-5678'], initiatorPassword: { value: 'pass-9012' } });
    expect(`${error.message} ${inspect(error)} ${JSON.stringify(error.issues)}`).not.toMatch(/secret-5678|pass-9012/);
  });
});

describe('the certificate', () => {
  const indented = (text: string, indent: string) => `\n${indent}${text.trim().replace(/\n/g, `\n${indent}`)}\n${indent}`;
  const parsed = (certificate: unknown) => safaricomKe.parseOptions({ ...valid, certificate });

  it('accepts PEM indented as YAML or a template literal gives it, and surrounding whitespace', async () => {
    for (const certificate of [indented(SANDBOX_CERTIFICATE, '    '), indented(SANDBOX_CERTIFICATE, '\t'), `  \n${SANDBOX_CERTIFICATE}\n\n  `]) {
      const provider = createSafaricomKeProvider({ ...valid, certificate });
      expect(provider.id).toBe('safaricom-ke');
      await provider.close();
    }
  });

  it.each(['./certs/mpesa.cer', '/etc/mpesa/SandboxCertificate.cer', 'C:\\certs\\cert.pem', '~/cert.pem', 'ProductionCertificate.cer'])(
    'says that %j is a file path where the PEM text is expected, naming certificateFile',
    (certificate) => {
      const error = configError({ ...valid, certificate });
      expect(error.issues).toEqual([{ field: 'certificate', message: expect.stringContaining('is a file path') }]);
      expect(error.message).toContain('certificateFile (MPESA_KE_CERTIFICATE_FILE)');
      expect(error.message).not.toContain(certificate);
    },
  );

  it('reads certificateFile once, at configuration: PEM (indented too), DER bytes and base64 DER', () => {
    const directory = mkdtempSync(join(tmpdir(), 'reversal-certificate-'));
    const pem = join(directory, 'indented.pem');
    writeFileSync(pem, indented(SANDBOX_CERTIFICATE, '  '));
    const base64 = SANDBOX_CERTIFICATE.replace(/-----[A-Z ]+-----|\s/g, '');
    const der = join(directory, 'certificate.der');
    writeFileSync(der, Buffer.from(base64, 'base64'));
    const b64 = join(directory, 'certificate.b64');
    writeFileSync(b64, base64);
    for (const certificateFile of [pem, der, b64]) {
      const options = safaricomKe.parseOptions({ ...valid, certificateFile });
      expect(options.certificate).toBeDefined();
      expect(options).not.toHaveProperty('certificateFile');
    }
    expect(parsed(SANDBOX_CERTIFICATE).certificate).toBe(SANDBOX_CERTIFICATE);
  });

  it('names certificateFile when the file is not a certificate, or when PEM text was given as the path', () => {
    const directory = mkdtempSync(join(tmpdir(), 'reversal-certificate-'));
    const notACertificate = join(directory, 'notes.txt');
    writeFileSync(notACertificate, 'hello, not a certificate!');
    expect(configError({ ...valid, certificateFile: notACertificate }).issues).toEqual([
      { field: 'certificateFile', message: expect.stringContaining('is not a certificate that can be read') },
    ]);
    expect(configError({ ...valid, certificateFile: directory }).issues).toEqual([
      { field: 'certificateFile', message: expect.stringContaining('must name a file') },
    ]);
    expect(configError({ ...valid, certificateFile: SANDBOX_CERTIFICATE }).issues).toEqual([
      { field: 'certificateFile', message: expect.stringContaining('MPESA_KE_CERTIFICATE') },
    ]);
  });
});

describe('the environment option', () => {
  it.each([
    ['Sandbox', 'sandbox'],
    ['PRODUCTION', 'production'],
    [' production ', 'production'],
  ])('accepts %j in any case, as %j', (environment, resolved) => {
    expect(safaricomKe.parseOptions({ ...valid, environment }).environment).toBe(resolved);
  });

  it('says the accepted values otherwise', () => {
    expect(configError({ ...valid, environment: 'live' }).issues).toEqual([
      { field: 'environment', message: 'must be "sandbox" or "production" (in any case)' },
    ]);
  });
});

describe('the registry definition', () => {
  it('builds the provider from MPESA_KE_* environment variables', async () => {
    const registry = createProviderRegistry([safaricomKe]);
    const provider = registry.fromEnv(environment);
    expect(provider.id).toBe('safaricom-ke');
    await provider.close?.();
  });

  it.each(['true', 'TRUE', '1', 'yes', 'Yes'])(
    'requires MPESA_KE_CALLBACK_SECRET, unless MPESA_KE_UNSIGNED_CALLBACKS=%s',
    async (unsignedCallbacks) => {
      const registry = createProviderRegistry([safaricomKe]);
      const { MPESA_KE_CALLBACK_SECRET: _, ...unsigned } = environment;
      expect(() => registry.fromEnv(unsigned)).toThrow(/MPESA_KE_CALLBACK_SECRET/);
      vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
      const provider = registry.fromEnv({ ...unsigned, MPESA_KE_UNSIGNED_CALLBACKS: unsignedCallbacks });
      expect(provider.id).toBe('safaricom-ke');
      await provider.close?.();
    },
  );

  it.each(['false', 'FALSE', '0', 'no'])('still requires the callback secret with MPESA_KE_UNSIGNED_CALLBACKS=%s', (unsignedCallbacks) => {
    const registry = createProviderRegistry([safaricomKe]);
    const { MPESA_KE_CALLBACK_SECRET: _, ...unsigned } = environment;
    expect(() => registry.fromEnv({ ...unsigned, MPESA_KE_UNSIGNED_CALLBACKS: unsignedCallbacks })).toThrow(
      /MPESA_KE_CALLBACK_SECRET \(callbackSecret\): is required/,
    );
  });

  it('names MPESA_KE_UNSIGNED_CALLBACKS when it is neither true nor false, saying the accepted words', () => {
    const registry = createProviderRegistry([safaricomKe]);
    const { MPESA_KE_CALLBACK_SECRET: _, ...unsigned } = environment;
    expect(() => registry.fromEnv({ ...unsigned, MPESA_KE_UNSIGNED_CALLBACKS: 'on' })).toThrow(
      /MPESA_KE_UNSIGNED_CALLBACKS \(unsignedCallbacks\): must be true or false \(the environment variable: true\/false, 1\/0 or yes\/no\)/,
    );
  });

  it('lists every required variable in one error, the password/credential pair and the callback secret included', () => {
    const registry = createProviderRegistry([safaricomKe]);
    let error: unknown;
    try {
      registry.fromEnv({ REVERSAL_PROVIDER: 'safaricom-ke' });
    } catch (caught) {
      error = caught;
    }
    expect(ReversalConfigError.isInstance(error)).toBe(true);
    const fields = (error as ReversalConfigError).issues.map((issue) => issue.field);
    expect(fields.sort()).toEqual(
      [
        'MPESA_KE_CALLBACK_SECRET (callbackSecret)',
        'MPESA_KE_CONSUMER_KEY (consumerKey)',
        'MPESA_KE_CONSUMER_SECRET (consumerSecret)',
        'MPESA_KE_INITIATOR_NAME (initiatorName)',
        'MPESA_KE_INITIATOR_PASSWORD (initiatorPassword)',
        'MPESA_KE_RESULT_URL (resultUrl)',
        'MPESA_KE_SHORT_CODE (shortCode)',
      ].sort(),
    );
    expect((error as ReversalConfigError).message).toContain('MPESA_KE_SECURITY_CREDENTIAL');
  });

  it('lists an invalid variable together with the missing ones and the password pair', () => {
    const registry = createProviderRegistry([safaricomKe]);
    let error: unknown;
    try {
      registry.fromEnv({
        REVERSAL_PROVIDER: 'safaricom-ke',
        MPESA_KE_ENVIRONMENT: 'staging',
        MPESA_KE_CERTIFICATE: './SandboxCertificate.cer',
        MPESA_KE_INITIATOR_PASSWORD: 'pass-9012',
        MPESA_KE_SECURITY_CREDENTIAL: 'abc',
        MPESA_KE_TIMEOUT_MS: 'soon',
      });
    } catch (caught) {
      error = caught;
    }
    const fields = (error as ReversalConfigError).issues.map((issue) => issue.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'MPESA_KE_ENVIRONMENT (environment)',
        'MPESA_KE_CERTIFICATE (certificate)',
        'MPESA_KE_CONSUMER_KEY (consumerKey)',
        'MPESA_KE_INITIATOR_PASSWORD (initiatorPassword)',
        'MPESA_KE_CALLBACK_SECRET (callbackSecret)',
        'MPESA_KE_TIMEOUT_MS (timeoutMs)',
      ]),
    );
    expect((error as ReversalConfigError).message).not.toContain('pass-9012');
  });

  it('reads MPESA_KE_CERTIFICATE_FILE, naming that variable when the file is missing', async () => {
    const registry = createProviderRegistry([safaricomKe]);
    const directory = mkdtempSync(join(tmpdir(), 'reversal-certificate-'));
    const file = join(directory, 'SandboxCertificate.cer');
    writeFileSync(file, SANDBOX_CERTIFICATE);
    const provider = registry.fromEnv({ ...environment, MPESA_KE_CERTIFICATE_FILE: file });
    expect(provider.id).toBe('safaricom-ke');
    await provider.close?.();
    expect(() => registry.fromEnv({ ...environment, MPESA_KE_CERTIFICATE_FILE: join(directory, 'missing.cer') })).toThrow(
      /MPESA_KE_CERTIFICATE_FILE \(certificateFile\): cannot be read \(ENOENT\)/,
    );
  });

  it('accepts MPESA_KE_ENVIRONMENT in any case', async () => {
    const registry = createProviderRegistry([safaricomKe]);
    const provider = registry.fromEnv({ ...environment, MPESA_KE_ENVIRONMENT: 'Sandbox' });
    expect(provider.id).toBe('safaricom-ke');
    await provider.close?.();
  });

  it('names the variable to set when one is missing or wrong', () => {
    const registry = createProviderRegistry([safaricomKe]);
    let error: unknown;
    try {
      registry.fromEnv({ REVERSAL_PROVIDER: 'safaricom-ke', MPESA_KE_CONSUMER_KEY: 'k', MPESA_KE_CERTIFICATE: 'garbage!' });
    } catch (caught) {
      error = caught;
    }
    expect(ReversalConfigError.isInstance(error)).toBe(true);
    expect((error as ReversalConfigError).message).toContain('MPESA_KE_CONSUMER_SECRET');
  });

  it('names the certificate variable when the certificate cannot be read', () => {
    const registry = createProviderRegistry([safaricomKe]);
    expect(() =>
      registry.fromEnv({
        REVERSAL_PROVIDER: 'safaricom-ke',
        MPESA_KE_CONSUMER_KEY: 'key-1234',
        MPESA_KE_CONSUMER_SECRET: 'secret-5678',
        MPESA_KE_INITIATOR_NAME: 'apiop37',
        MPESA_KE_INITIATOR_PASSWORD: 'pass-9012',
        MPESA_KE_SHORT_CODE: '603021',
        MPESA_KE_RESULT_URL: 'https://shop.example/mpesa/result',
        MPESA_KE_CALLBACK_SECRET: CALLBACK_SECRET,
        MPESA_KE_CERTIFICATE: 'not a certificate!',
      }),
    ).toThrow(/MPESA_KE_CERTIFICATE/);
  });
});
