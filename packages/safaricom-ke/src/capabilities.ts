import type { ProviderCapabilities, RequestRules } from '@reversal/core';

/** The provider id of Safaricom M-Pesa Kenya. */
export const SAFARICOM_KE_ID = 'safaricom-ke';

/**
 * What Daraja reversals can do: full reversals only, results by callback, shillings; a status
 * check through Transaction Status, whose answer comes by callback too.
 */
export const SAFARICOM_KE_CAPABILITIES: ProviderCapabilities = Object.freeze({
  partialReversal: false,
  resultDelivery: 'callback',
  currencies: Object.freeze(['KES']),
  statusCheck: true,
  statusDelivery: 'callback',
});

/**
 * What Daraja accepts in a reversal request (see docs/providers/safaricom-ke.md): an M-Pesa receipt
 * (10 upper-case letters and digits in every example; a little slack in length keeps a future
 * format from being refused here rather than by Daraja), whole shillings (Daraja reverses the full
 * original amount), a reason that fits `Remarks` (2–100 characters), and a reference that fits
 * `Occasion` and the callback URL it is signed into: 1–20 letters and digits (`Occasion` takes up to
 * 100 characters; 20 is what every provider here carries — docs/providers/safaricom-ke.md, "The reversal request").
 */
export const SAFARICOM_KE_REQUEST_RULES: RequestRules = Object.freeze({
  transactionId: Object.freeze({
    pattern: /^[A-Z0-9]{8,12}$/,
    description: 'the M-Pesa receipt of the payment: 10 upper-case letters and digits, e.g. "PDU91HIVIT"',
  }),
  amountDecimals: 0,
  reason: Object.freeze({ minLength: 2, maxLength: 100 }),
  reference: Object.freeze({ kind: 'alphanumeric', maxLength: 20 }),
});
