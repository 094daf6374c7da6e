import { inspect } from 'node:util';
import { createProviderRegistry, ReversalConfigError } from '@reversal/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
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
      statusCheck: false,
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
    ['unsignedCallbacks as other text', { callbackSecret: undefined, unsignedCallbacks: 'yes' }, 'unsignedCallbacks'],
    ['a misspelt option', { resultURL: 'https://shop.example/result' }, 'resultURL'],
    ['a timeout of zero', { timeoutMs: 0 }, 'timeoutMs'],
    ['an unreadable certificate', { certificate: '-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----' }, 'certificate'],
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

describe('the registry definition', () => {
  it('builds the provider from MPESA_KE_* environment variables', async () => {
    const registry = createProviderRegistry([safaricomKe]);
    const provider = registry.fromEnv(environment);
    expect(provider.id).toBe('safaricom-ke');
    await provider.close?.();
  });

  it('requires MPESA_KE_CALLBACK_SECRET, unless MPESA_KE_UNSIGNED_CALLBACKS=true', async () => {
    const registry = createProviderRegistry([safaricomKe]);
    const { MPESA_KE_CALLBACK_SECRET: _, ...unsigned } = environment;
    expect(() => registry.fromEnv(unsigned)).toThrow(/MPESA_KE_CALLBACK_SECRET/);
    vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const provider = registry.fromEnv({ ...unsigned, MPESA_KE_UNSIGNED_CALLBACKS: 'true' });
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
