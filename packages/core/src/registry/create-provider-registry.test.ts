import { inspect } from 'node:util';
import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReversalConfigError } from '../errors/reversal-config-error.js';
import type { ReversalProvider } from '../reversal-provider.js';
import { createMockProvider } from '../testing/create-mock-provider.js';
import { createProvider } from './create-provider.js';
import { createProviderRegistry, PROVIDER_ENVIRONMENT_VARIABLE } from './create-provider-registry.js';
import { defineTestProvider } from './test-support/define-test-provider.js';

const SECRET = 'TOP-SECRET-api-key-value';
const built: { id: string; options: unknown }[] = [];

const alpha = defineTestProvider({
  id: 'alpha',
  displayName: 'Alpha Money',
  optionsSchema: v.strictObject({
    apiKey: v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{32}$/)),
    timeoutMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 10_000),
  }),
  environment: {
    apiKey: { name: 'ALPHA_API_KEY', description: 'The API key.', secret: true },
    timeoutMs: { name: 'ALPHA_TIMEOUT_MS', description: 'Timeout of each call.', type: 'integer' },
  },
  create: (options) => {
    built.push({ id: 'alpha', options });
    return createMockProvider({ id: 'alpha', currency: 'MZN' });
  },
});

const beta = defineTestProvider({
  id: 'beta',
  displayName: 'Beta Pesa',
  optionsSchema: v.object({ baseUrl: v.pipe(v.string(), v.url()), consumerSecret: v.pipe(v.string(), v.minLength(8)) }),
  environment: {
    baseUrl: { name: 'BETA_BASE_URL', description: 'Where the API lives.' },
    consumerSecret: { name: 'BETA_CONSUMER_SECRET', description: 'The consumer secret.', secret: true },
  },
  create: (options) => {
    built.push({ id: 'beta', options });
    return createMockProvider({ id: 'beta', capabilities: { resultDelivery: 'callback' } });
  },
});

const registry = createProviderRegistry([alpha, beta]);
const KEY = 'A'.repeat(32);

/** The error a registry call throws, checked to be a ReversalConfigError. */
function configError(action: () => unknown): ReversalConfigError {
  try {
    action();
  } catch (error) {
    if (ReversalConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ReversalConfigError');
}

afterEach(() => {
  built.length = 0;
  vi.unstubAllEnvs();
});

describe('createProviderRegistry().create', () => {
  it('builds the provider that config.provider names, with parsed options', () => {
    const provider = registry.create({ provider: 'alpha', apiKey: KEY });
    expect(provider.id).toBe('alpha');
    expect(built).toEqual([{ id: 'alpha', options: { apiKey: KEY, timeoutMs: 10_000 } }]);
    expect(registry.create({ provider: 'beta', baseUrl: 'https://beta.example', consumerSecret: 'abcdefgh' }).id).toBe('beta');
    expect(registry.ids).toEqual(['alpha', 'beta']);
  });

  it('lets the same application code run on either provider', async () => {
    const refund = (provider: ReversalProvider) => provider.reverse({ transactionId: 'PDU91HIVIT', amount: '10.00' });
    const alphaResult = await refund(registry.create({ provider: 'alpha', apiKey: KEY }));
    const betaResult = await refund(registry.create({ provider: 'beta', baseUrl: 'https://beta.example', consumerSecret: 'abcdefgh' }));
    expect([alphaResult.provider, alphaResult.status]).toEqual(['alpha', 'succeeded']);
    expect([betaResult.provider, betaResult.status]).toEqual(['beta', 'pending']);
  });

  it('names the known providers for an unknown one', () => {
    const error = configError(() => registry.create({ provider: 'gamma' } as never));
    expect(error.issues).toEqual([{ field: 'provider', message: 'names no registered provider; the known ones are "alpha", "beta"' }]);
    expect(error.message).toContain('"alpha", "beta"');
  });

  it.each([
    ['missing', {}],
    ['empty', { provider: '' }],
  ])('requires the provider (%s)', (_, config) => {
    const error = configError(() => registry.create(config as never));
    expect(error.issues[0]?.field).toBe('provider');
    expect(error.issues[0]?.message).toContain('is required: name one of the registered providers ("alpha", "beta")');
  });

  it('rejects a config that is not an object', () => {
    expect(configError(() => registry.create(null as never)).issues[0]?.field).toBe('config');
    expect(configError(() => registry.create('alpha' as never)).issues[0]?.field).toBe('config');
  });

  it('names each invalid option and never echoes its value', () => {
    const error = configError(() => registry.create({ provider: 'alpha', apiKey: SECRET, timeoutMs: -1, extra: SECRET } as never));
    expect(error.issues.map((issue) => issue.field)).toEqual(['apiKey', 'timeoutMs', 'extra']);
    expect(error.issues[2]?.message).toBe('is not a known option');
    expect(error.message).toMatch(/^Invalid alpha provider configuration\. apiKey: must be/);
    for (const printed of [error.message, JSON.stringify(error), JSON.stringify(error.issues), inspect(error, { depth: 5 })]) {
      expect(printed).not.toContain(SECRET);
    }
    expect(built).toHaveLength(0);
  });

  it('says which options are missing', () => {
    const error = configError(() => registry.create({ provider: 'beta' } as never));
    expect(error.issues).toEqual([
      { field: 'baseUrl', message: 'is required' },
      { field: 'consumerSecret', message: 'is required' },
    ]);
  });

  it('refuses to register the same id twice', () => {
    const error = configError(() => createProviderRegistry([alpha, beta, alpha]));
    expect(error.issues).toEqual([{ field: 'definitions', message: 'register "alpha" once only' }]);
  });
});

describe('createProviderRegistry().fromEnv', () => {
  const alphaEnv = { [PROVIDER_ENVIRONMENT_VARIABLE]: 'alpha', ALPHA_API_KEY: KEY, ALPHA_TIMEOUT_MS: '2500' };

  it('reads REVERSAL_PROVIDER and the options from the table, integers converted', () => {
    expect(PROVIDER_ENVIRONMENT_VARIABLE).toBe('REVERSAL_PROVIDER');
    expect(registry.fromEnv(alphaEnv).id).toBe('alpha');
    expect(built).toEqual([{ id: 'alpha', options: { apiKey: KEY, timeoutMs: 2500 } }]);
  });

  it('treats empty variables as absent', () => {
    registry.fromEnv({ ...alphaEnv, ALPHA_TIMEOUT_MS: '' });
    expect(built[0]?.options).toEqual({ apiKey: KEY, timeoutMs: 10_000 });
  });

  it('reads process.env by default', () => {
    vi.stubEnv('REVERSAL_PROVIDER', 'beta');
    vi.stubEnv('BETA_BASE_URL', 'https://beta.example');
    vi.stubEnv('BETA_CONSUMER_SECRET', 'abcdefgh');
    expect(registry.fromEnv().id).toBe('beta');
  });

  it('names REVERSAL_PROVIDER when it is missing or unknown', () => {
    const missing = configError(() => registry.fromEnv({}));
    expect(missing.issues[0]).toMatchObject({ field: 'REVERSAL_PROVIDER', message: expect.stringContaining('"alpha", "beta"') });
    const unknown = configError(() => registry.fromEnv({ REVERSAL_PROVIDER: 'gamma' }));
    expect(unknown.issues[0]?.message).toContain('the known ones are "alpha", "beta"');
  });

  it('names the variable to set, never its value', () => {
    const error = configError(() => registry.fromEnv({ ...alphaEnv, ALPHA_API_KEY: SECRET, ALPHA_TIMEOUT_MS: 'soon' }));
    expect(error.issues.map((issue) => issue.field)).toEqual(['ALPHA_API_KEY (apiKey)', 'ALPHA_TIMEOUT_MS (timeoutMs)']);
    expect(error.message).toContain('alpha provider (from the environment)');
    expect(ReversalConfigError.isInstance(error.cause)).toBe(true);
    for (const printed of [error.message, JSON.stringify(error.issues), inspect(error, { depth: 5 })]) {
      expect(printed).not.toContain(SECRET);
      expect(printed).not.toContain('soon');
    }
  });

  it('names a missing variable', () => {
    const error = configError(() => registry.fromEnv({ REVERSAL_PROVIDER: 'beta', BETA_BASE_URL: 'https://beta.example' }));
    expect(error.issues).toEqual([{ field: 'BETA_CONSUMER_SECRET (consumerSecret)', message: 'is required' }]);
  });

  it('suggests the right name for a misspelt variable of the provider, and never echoes its value', () => {
    const error = configError(() =>
      registry.fromEnv({ REVERSAL_PROVIDER: 'beta', BETA_BASE_URL: 'https://beta.example', BETA_CONSUMERSECRET: SECRET, BETA_REGION: 'eu' }),
    );
    expect(error.issues).toEqual([
      { field: 'BETA_CONSUMER_SECRET (consumerSecret)', message: 'is required' },
      { field: 'BETA_CONSUMERSECRET', message: 'is not a variable this provider reads: did you mean BETA_CONSUMER_SECRET?' },
      { field: 'BETA_REGION', message: 'is not a variable this provider reads; the variables are BETA_BASE_URL, BETA_CONSUMER_SECRET' },
    ]);
    expect(String(error)).not.toContain(SECRET);
  });
});

describe('createProvider', () => {
  it('validates options with the definition and builds the provider', () => {
    expect(createProvider(alpha, { apiKey: KEY, timeoutMs: 5 }).id).toBe('alpha');
    expect(configError(() => createProvider(alpha, { apiKey: 'short' })).issues[0]?.field).toBe('apiKey');
  });
});
