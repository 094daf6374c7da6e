import type { Money } from '@reversal/core';
import type { AccountBalance } from './debit-account-balance.js';

/**
 * The Safaricom-specific extras of a result (`result.metadata`). Every field is optional: each
 * step of a reversal (acknowledgement, callback) knows only some of them. Daraja's
 * `OriginatorConversationID` is the result's `providerRequestId`.
 */
export type SafaricomKeMetadata = {
  /** Daraja's own words: `ResponseDescription` of the acknowledgement, `ResultDesc` of a callback, `errorMessage` of an error. */
  readonly providerDescription?: string;
  /** Which callback the result was read from: the result callback or the queue-timeout callback. */
  readonly callback?: 'result' | 'queue-timeout';
  /** `CreditPartyPublicName`: the customer refunded, `"254705912645 - NICHOLAS JOHN SONGOK"`. */
  readonly creditPartyName?: string;
  /** `DebitPartyPublicName`: your organisation, `"600992 - Safaricom Daraja 992"`. */
  readonly debitPartyName?: string;
  /** `Charge`: the fee of the reversal, exact (`{ value: "0.00", currency: "KES" }`). */
  readonly charge?: Money;
  /** `DebitAccountBalance`, parsed: the balances after the reversal. */
  readonly debitAccountBalance?: readonly AccountBalance[];
  /** `DebitAccountBalance` as Daraja sent it, for when its format surprises the parser. */
  readonly debitAccountBalanceText?: string;
};
