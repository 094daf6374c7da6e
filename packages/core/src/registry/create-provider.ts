import type { ReversalProvider } from '../reversal-provider.js';
import type { ProviderMetadata } from '../reversal-result.js';
import type { ProviderDefinition } from './provider-definition.js';

/**
 * Validates options with a definition and builds the provider; what every adapter's
 * `create…Provider(options)` function does. Throws a `ReversalConfigError` naming each bad option.
 */
export function createProvider<TId extends string, TInput, TOptions, TMetadata extends ProviderMetadata>(
  definition: ProviderDefinition<TId, TInput, TOptions, TMetadata>,
  input: TInput,
): ReversalProvider<TMetadata> {
  return definition.create(definition.parseOptions(input));
}
