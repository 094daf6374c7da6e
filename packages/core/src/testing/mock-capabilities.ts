import type { ProviderCapabilities } from '../reversal-provider.js';
import type { MockProviderOptions } from './mock-provider.js';

/** The mock's capabilities: the given ones over the defaults, checked against its currency. */
export function resolveCapabilities(options: MockProviderOptions | undefined): ProviderCapabilities {
  const given = { ...options?.like?.capabilities, ...options?.capabilities };
  const currencies = given.currencies ?? [options?.currency ?? 'KES'];
  if (currencies.length === 0 || (options?.currency !== undefined && !currencies.includes(options.currency))) {
    throw new TypeError('Mock provider: currency must be one of capabilities.currencies, which must not be empty.');
  }
  return Object.freeze({
    partialReversal: given.partialReversal ?? true,
    resultDelivery: given.resultDelivery ?? 'sync',
    currencies: Object.freeze([...currencies]),
    statusCheck: given.statusCheck ?? true,
    statusDelivery: given.statusDelivery ?? 'sync',
  });
}
