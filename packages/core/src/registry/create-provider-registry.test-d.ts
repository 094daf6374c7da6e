import * as v from 'valibot';
import { expectTypeOf } from 'vitest';
import { createMockProvider } from '../testing/create-mock-provider.js';
import { type ProviderConfig, createProviderRegistry } from './create-provider-registry.js';
import type { ProviderInput } from './provider-definition.js';
import { defineTestProvider } from './test-support/define-test-provider.js';

// Checked by `pnpm typecheck`: a registry's config is typed by its definitions.
const alpha = defineTestProvider({
  id: 'alpha',
  displayName: 'Alpha',
  optionsSchema: v.object({ apiKey: v.string(), timeoutMs: v.optional(v.number(), 1000) }),
  environment: { apiKey: { name: 'ALPHA_API_KEY', description: 'key' } },
  create: (options) => createMockProvider({ id: 'alpha', respond: { status: 'succeeded', metadata: { timeoutMs: options.timeoutMs } } }),
});
const beta = defineTestProvider({
  id: 'beta',
  displayName: 'Beta',
  optionsSchema: v.object({ baseUrl: v.string() }),
  environment: {},
  create: () => createMockProvider({ id: 'beta' }),
});

expectTypeOf<ProviderInput<typeof alpha>>().toEqualTypeOf<{ apiKey: string; timeoutMs?: number | undefined }>();
expectTypeOf<ProviderConfig<typeof alpha | typeof beta>['provider']>().toEqualTypeOf<'alpha' | 'beta'>();

const registry = createProviderRegistry([alpha, beta]);
expectTypeOf(registry.ids).toEqualTypeOf<readonly ('alpha' | 'beta')[]>();
registry.create({ provider: 'alpha', apiKey: 'key' });
registry.create({ provider: 'beta', baseUrl: 'https://beta.example' });
// @ts-expect-error beta has no apiKey
registry.create({ provider: 'beta', apiKey: 'key' });
// @ts-expect-error gamma is not registered
registry.create({ provider: 'gamma' });

// The metadata of a provider built by id is that provider's; from the environment, one of them.
const typedAlpha = defineTestProvider({
  id: 'typed',
  displayName: 'Typed',
  optionsSchema: v.object({ apiKey: v.string() }),
  environment: {},
  create: () => createMockProvider({ id: 'typed' }) as unknown as import('../reversal-provider.js').ReversalProvider<{ readonly receiptNumber?: string }>,
});
const typedRegistry = createProviderRegistry([typedAlpha, beta]);
const typedProvider = typedRegistry.create({ provider: 'typed', apiKey: 'key' });
expectTypeOf(typedProvider.reverse).returns.resolves.toHaveProperty('metadata').toEqualTypeOf<{ readonly receiptNumber?: string }>();
