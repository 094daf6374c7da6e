import { readFileSync } from 'node:fs';
import { createProviderRegistry, ReversalConfigError } from '@reversal/core';
import { describe, expect, it } from 'vitest';
import { createVodacomMzProvider } from './create-provider.js';
import { apiUrl } from './connect.js';
import { vodacomMz } from './definition.js';
import type { VodacomMzOptions } from './options.js';

const SANDBOX_KEY = readFileSync(new URL('./__fixtures__/mz-sandbox-public-key.b64', import.meta.url), 'utf8').trim();
const valid: VodacomMzOptions = {
  apiKey: 'aaaabbbbccccddddeeeeffff00001111',
  publicKey: SANDBOX_KEY,
  serviceProviderCode: '171717',
  initiatorIdentifier: 'MPesa2018',
  securityCredential: 'Mpesa2019',
};

function configError(options: unknown): ReversalConfigError {
  try {
    createVodacomMzProvider(options as VodacomMzOptions);
  } catch (error) {
    if (ReversalConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ReversalConfigError');
}

describe('Vodacom Mozambique options', () => {
  it('accepts the documented options and has the promised capabilities', async () => {
    const provider = createVodacomMzProvider(valid);
    expect(provider.id).toBe('vodacom-mz');
    expect(provider.capabilities).toEqual({
      partialReversal: true,
      resultDelivery: 'sync',
      currencies: ['MZN'],
      statusCheck: true,
      statusDelivery: 'sync',
    });
    await provider.close?.();
  });

  it('refuses a public key in neither accepted form, saying which forms are accepted', () => {
    for (const publicKey of ['not a key', SANDBOX_KEY.slice(10), `-----BEGIN PUBLIC KEY-----\n${SANDBOX_KEY.slice(0, 100)}\n-----END PUBLIC KEY-----`]) {
      const error = configError({ ...valid, publicKey });
      expect(error.issues).toEqual([{ field: 'publicKey', message: expect.stringContaining('base64 DER without headers') }]);
      expect(error.message).toContain('PEM');
    }
  });

  it('accepts the public key as an indented PEM, as YAML or a template literal gives it', async () => {
    const pem = `-----BEGIN PUBLIC KEY-----\n${SANDBOX_KEY.match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----`;
    const provider = createVodacomMzProvider({ ...valid, publicKey: `\n      ${pem.replace(/\n/g, '\n      ')}\n    ` });
    expect(provider.id).toBe('vodacom-mz');
    await provider.close?.();
  });

  it('names every missing credential', () => {
    const error = configError({});
    expect(error.issues.map((issue) => issue.field).sort()).toEqual(
      ['apiKey', 'initiatorIdentifier', 'publicKey', 'securityCredential', 'serviceProviderCode'].sort(),
    );
  });

  it.each([
    ['baseUrl', 'https://api.vm.co.mz:18354', 'without a port'],
    ['baseUrl', 'http://api.vm.co.mz', 'https://'],
    ['baseUrl', 'https://api.vm.co.mz/?a=1', 'host only'],
    ['reversalPort', 0, 'between 1 and 65535'],
    ['statusPort', '18353', 'port number'],
    ['environment', 'live', '"sandbox" or "production"'],
    ['serviceProviderCode', '17 17', 'shortcode'],
    ['initiatorIdentifier', 'has space', 'no spaces'],
    ['origin', 'a\r\nb', 'visible characters'],
    ['timeoutMs', 1.5, 'whole number'],
    ['onEvent', 'log', 'function'],
    ['amount', '10', 'not a known option'],
  ])('refuses %s = %j, naming it', (field, value, fix) => {
    const error = configError({ ...valid, [field]: value });
    expect(error.issues).toEqual([{ field, message: expect.stringContaining(fix) }]);
  });

  it.each([
    ['Sandbox', 'sandbox'],
    ['PRODUCTION', 'production'],
    [' production ', 'production'],
  ])('accepts the environment %j in any case, as %j', (environment, resolved) => {
    expect(vodacomMz.parseOptions({ ...valid, environment }).environment).toBe(resolved);
  });

  it('adds each API port to the host, keeping a path prefix of baseUrl', () => {
    expect(apiUrl('https://api.vm.co.mz', 18354)).toBe('https://api.vm.co.mz:18354/');
    expect(apiUrl('http://127.0.0.1', 40123)).toBe('http://127.0.0.1:40123/');
    expect(apiUrl('https://proxy.example.com/vodacom', 18353)).toBe('https://proxy.example.com:18353/vodacom');
  });

  it('reads options from the environment and names the variable of a bad one', async () => {
    const registry = createProviderRegistry([vodacomMz]);
    const env = {
      REVERSAL_PROVIDER: 'vodacom-mz',
      MPESA_MZ_API_KEY: 'aaaabbbbccccddddeeeeffff00001111',
      MPESA_MZ_PUBLIC_KEY: SANDBOX_KEY,
      MPESA_MZ_SERVICE_PROVIDER_CODE: '171717',
      MPESA_MZ_INITIATOR_IDENTIFIER: 'MPesa2018',
      MPESA_MZ_SECURITY_CREDENTIAL: 'Mpesa2019',
      MPESA_MZ_REVERSAL_PORT: '443',
    };
    const provider = registry.fromEnv(env);
    expect(provider.id).toBe('vodacom-mz');
    await provider.close?.();
    try {
      registry.fromEnv({ ...env, MPESA_MZ_PUBLIC_KEY: 'garbage' });
      expect.unreachable();
    } catch (error) {
      expect(ReversalConfigError.isInstance(error) && error.issues[0]?.field).toBe('MPESA_MZ_PUBLIC_KEY (publicKey)');
    }
  });

  it('lists every required variable in one error when none is set', () => {
    const registry = createProviderRegistry([vodacomMz]);
    let error: unknown;
    try {
      registry.fromEnv({ REVERSAL_PROVIDER: 'vodacom-mz', MPESA_MZ_ENVIRONMENT: 'Production' });
    } catch (caught) {
      error = caught;
    }
    expect(ReversalConfigError.isInstance(error)).toBe(true);
    const fields = (error as ReversalConfigError).issues.map((issue) => issue.field);
    expect(fields.sort()).toEqual(
      [
        'MPESA_MZ_API_KEY (apiKey)',
        'MPESA_MZ_INITIATOR_IDENTIFIER (initiatorIdentifier)',
        'MPESA_MZ_PUBLIC_KEY (publicKey)',
        'MPESA_MZ_SECURITY_CREDENTIAL (securityCredential)',
        'MPESA_MZ_SERVICE_PROVIDER_CODE (serviceProviderCode)',
      ].sort(),
    );
  });
});
