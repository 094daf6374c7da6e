import type { ProviderCapabilities, RequestRules } from '@reversal/core';

/** The provider id of Acme Money: what `REVERSAL_PROVIDER` and `registry.create({ provider })` name. */
export const ACME_MONEY_ID = 'acme-money';

/**
 * What Acme Money reversals can do: full or partial reversals, answered at once (no callback),
 * Tanzanian shillings, and a status query answered at once.
 */
export const ACME_MONEY_CAPABILITIES: ProviderCapabilities = Object.freeze({
  partialReversal: true,
  resultDelivery: 'sync',
  currencies: Object.freeze(['TZS']),
  statusCheck: true,
  statusDelivery: 'sync',
});

/**
 * What Acme Money accepts in a reversal request: its receipts (`AM` and 8 digits), amounts in
 * cents, a reason of 1–140 characters, and references of 1–20 letters and digits (the API's
 * `reference`, also the path of its status query). Take `reference` from your provider's
 * documentation: the field that carries the caller's reference, its length and characters (a UUID:
 * `{ kind: 'uuid' }`).
 */
export const ACME_MONEY_REQUEST_RULES: RequestRules = Object.freeze({
  transactionId: Object.freeze({
    pattern: /^AM[0-9]{8}$/,
    description: 'the Acme Money receipt of the payment: "AM" and 8 digits, e.g. "AM00012345"',
  }),
  amountDecimals: 2,
  reason: Object.freeze({ minLength: 1, maxLength: 140 }),
  reference: Object.freeze({ kind: 'alphanumeric', maxLength: 20 }),
});
