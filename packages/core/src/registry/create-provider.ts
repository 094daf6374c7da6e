import type { ReversalProvider } from '../reversal-provider.js';
import type { ProviderMetadata } from '../reversal-result.js';
import { parseOptions } from './parse-options.js';
import type { ProviderDefinition } from './provider-definition.js';

/**
 * Validates options with a definition's schema and builds the provider; what every adapter's
 * `create…Provider(options)` function does. Throws a `ReversalConfigError` naming each bad option.
 */
export function createProvider<TId extends string, TInput, TOptions, TMetadata extends ProviderMetadata>(
  definition: ProviderDefinition<TId, TInput, TOptions, TMetadata>,
  input: TInput,
): ReversalProvider<TMetadata> {
  const options = parseOptions(definition.optionsSchema, input, `${definition.id} provider`);
  return definition.create(options);
}
