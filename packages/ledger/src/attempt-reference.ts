import { DEFAULT_REQUEST_RULES, deriveProviderReference, type ReversalProvider } from '@reversal/core';

/**
 * The reference the provider is sent for attempt `attempt` of the entry `reference`: a pure function
 * of (provider, reference, attempt) in the provider's reference format — the reference itself for
 * the first attempt where the format allows it. Two ledgers, two processes, or a ledger and a plain
 * script sending one reference therefore send the same first request, and the provider's own
 * duplicate check (Vodacom's INS-10) stops the second; a retry gets a new one, derived the same way.
 */
export function attemptReference(provider: ReversalProvider, reference: string, attempt: number): string {
  const format = (provider.requestRules ?? DEFAULT_REQUEST_RULES).reference;
  return deriveProviderReference({ provider: provider.id, reference, attempt, ...(format ? { format } : {}) });
}
