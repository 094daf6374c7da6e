import { parseOptions } from '../registry/parse-options.js';
import type { ProviderDefinition } from '../registry/provider-definition.js';
import type { ReversalProvider } from '../reversal-provider.js';
import { assertReferenceFormat } from '../reference-format.js';
import type { ProviderMetadata } from '../reversal-result.js';
import type { AdapterSpec, CommonOptions } from './adapter-spec.js';
import { buildProvider } from './build-provider.js';

/**
 * Turns an adapter spec into the provider definition applications register
 * (`createProviderRegistry([safaricomKe])`) and the mock can imitate
 * (`createMockProvider({ like: safaricomKe })`). Each adapter exports one. Throws a `RangeError`
 * when `requestRules.reference` is not a format core can honour (a `maxLength` below 8).
 *
 * @example
 * export const acmeTz = defineAdapter({
 *   id: 'acme-tz', displayName: 'Acme Money Tanzania',
 *   capabilities: { partialReversal: true, resultDelivery: 'sync', statusCheck: true, statusDelivery: 'sync', currencies: ['TZS'] },
 *   requestRules: {
 *     transactionId: { pattern: /^[A-Z0-9]{10}$/, description: '10 letters and digits' }, amountDecimals: 2,
 *     reason: { minLength: 1, maxLength: 100 }, reference: { kind: 'alphanumeric', maxLength: 20 },
 *   },
 *   optionsSchema, environment,
 *   connect: (options, { transport }) => ({ secrets: [options.apiKey], reversal: { transport: transport(options.baseUrl), prepare, read } }),
 * });
 */
export function defineAdapter<TId extends string, TInput, TOptions extends CommonOptions, TMetadata extends ProviderMetadata>(
  spec: AdapterSpec<TId, TInput, TOptions, TMetadata>,
): ProviderDefinition<TId, TInput, TOptions, TMetadata> {
  const subject = `${spec.id} provider`;
  if (spec.requestRules.reference) assertReferenceFormat(spec.requestRules.reference, `${spec.id} adapter`);
  return Object.freeze({
    id: spec.id,
    displayName: spec.displayName,
    capabilities: spec.capabilities,
    requestRules: spec.requestRules,
    environment: spec.environment,
    parseOptions: (input: unknown): TOptions => parseOptions(spec.optionsSchema, input, subject),
    create: (options: TOptions): ReversalProvider<TMetadata> => buildProvider(spec, options),
  });
}
