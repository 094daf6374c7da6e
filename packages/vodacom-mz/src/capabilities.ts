import type { ProviderCapabilities, RequestRules } from '@reversal/core';
import { DEFAULT_REQUEST_RULES } from '@reversal/core/kit';

/**
 * What the Vodacom Mozambique adapter can do: partial reversals (`input_ReversalAmount`),
 * synchronous results, MZN, and status checks through the Query Transaction Status API, whose
 * answers are synchronous too.
 */
export const VODACOM_MZ_CAPABILITIES: ProviderCapabilities = Object.freeze({
  partialReversal: true,
  resultDelivery: 'sync',
  currencies: Object.freeze(['MZN']),
  statusCheck: true,
  statusDelivery: 'sync',
});

/**
 * What Vodacom Mozambique accepts in a reversal request: transaction ids of 1–20 letters and
 * digits, amounts in meticais with up to two decimals, and references that fit
 * `input_ThirdPartyReference`: 1–20 characters (INS-17), no whitespace, so letters and digits. `reason`
 * is checked like any provider's but not sent: the Reversal API has no field for it
 * (docs/providers/vodacom-mz.md, "Reversal request").
 */
export const VODACOM_MZ_REQUEST_RULES: RequestRules = Object.freeze({
  transactionId: Object.freeze({
    pattern: /^[0-9A-Za-z]{1,20}$/,
    description: 'a Vodacom M-Pesa transaction id: 1–20 letters and digits, e.g. "5C1400CVRO"',
  }),
  amountDecimals: 2,
  reason: DEFAULT_REQUEST_RULES.reason,
  reference: Object.freeze({ kind: 'alphanumeric', maxLength: 20 }),
});
