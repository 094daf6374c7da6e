import type { ResultErrorCode } from '@reversal/core';

/** What to do next, per normalised code, appended to the message of a refused reversal. */
export const REFUSAL_ADVICE: Readonly<Partial<Record<ResultErrorCode, string>>> = Object.freeze({
  AUTHENTICATION_FAILED:
    'Nothing was reversed. Check the credentials: apiKey and publicKey (INS-2), initiatorIdentifier and securityCredential (INS-24, INS-25, INS-2001).',
  ACCOUNT_INACTIVE: 'Nothing was reversed. The API user or account is not active; contact Vodacom.',
  PERMISSION_DENIED: 'Nothing was reversed. Ask Vodacom to allow reversals for your shortcode and initiator.',
  INVALID_AMOUNT: 'Nothing was reversed. The amount must be positive and not more than what remains of the payment.',
  TRANSACTION_NOT_FOUND:
    'Nothing was reversed. Check transactionId: it must be a successful M-Pesa Mozambique payment of your shortcode.',
  INVALID_REQUEST: 'Nothing was reversed. Check the request and the serviceProviderCode option.',
  INSUFFICIENT_FUNDS: 'Nothing was reversed. Fund the merchant account, then send the same request again.',
  RATE_LIMITED: 'Nothing was reversed. Vodacom is overloaded; send the same request again after a pause.',
});

/** The advice for a reversal whose outcome is in doubt. */
export const IN_DOUBT_ADVICE =
  'The reversal may have been applied: check its status (`reversal status` in the CLI, `checkStatus()` in code) before anything else, and if you send it again, use the same reference (Vodacom refuses a repeated reference with INS-10, so it cannot be reversed twice).';

/** The advice for INS-10: the earlier request with the same reference may have reversed the payment. */
export const DUPLICATE_ADVICE =
  'This request did nothing, but the earlier one with this reference may have reversed the payment: check its status (`reversal status` in the CLI, `checkStatus()` in code) before anything else, and never send it again under a new reference.';

/** The advice for a refusal without a more specific one. */
export const DEFAULT_REFUSAL_ADVICE = 'Nothing was reversed.';
