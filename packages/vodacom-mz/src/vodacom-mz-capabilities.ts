import type { ProviderCapabilities } from '@reversal/core';

/**
 * What the Vodacom Mozambique adapter can do: partial reversals (`input_ReversalAmount`),
 * synchronous results, MZN, and status checks through the Query Transaction Status API.
 */
export const VODACOM_MZ_CAPABILITIES: ProviderCapabilities = Object.freeze({
  partialReversal: true,
  resultDelivery: 'sync',
  currencies: Object.freeze(['MZN']),
  statusCheck: true,
});
