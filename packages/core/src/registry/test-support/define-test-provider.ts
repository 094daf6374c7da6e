import type * as v from 'valibot';
import { DEFAULT_REQUEST_RULES } from '../../request-rules.js';
import type { ReversalProvider } from '../../reversal-provider.js';
import type { ProviderMetadata } from '../../reversal-result.js';
import { parseOptions } from '../parse-options.js';
import type { EnvironmentTable, ProviderDefinition } from '../provider-definition.js';

/** A provider definition whose factory the test writes (adapters use `defineAdapter`). */
export function defineTestProvider<TId extends string, TInput, TOptions, TMetadata extends ProviderMetadata>(definition: {
  readonly id: TId;
  readonly displayName: string;
  readonly optionsSchema: v.GenericSchema<TInput, TOptions>;
  readonly environment: EnvironmentTable<TInput>;
  readonly create: (options: TOptions) => ReversalProvider<TMetadata>;
}): ProviderDefinition<TId, TInput, TOptions, TMetadata> {
  return Object.freeze({
    id: definition.id,
    displayName: definition.displayName,
    capabilities: { partialReversal: true, resultDelivery: 'sync' as const, currencies: ['MZN'], statusCheck: true, statusDelivery: 'sync' as const },
    requestRules: DEFAULT_REQUEST_RULES,
    environment: definition.environment,
    parseOptions: (input: unknown) => parseOptions(definition.optionsSchema, input, `${definition.id} provider`),
    create: definition.create,
  });
}
