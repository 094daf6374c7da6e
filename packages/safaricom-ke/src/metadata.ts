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
  /**
   * Which callback the result was read from: the reversal's result or queue-timeout callback, or
   * the result or timeout notice of a Transaction Status query about it.
   */
  readonly callback?: 'result' | 'queue-timeout' | 'status-result' | 'status-queue-timeout';
  /** `TransactionStatus` of a status result (`Completed`, `Declined`, …), as Daraja sent it. */
  readonly transactionStatus?: string;
  /** What happened to the Transaction Status query behind this result (`checkStatus` and its callback). */
  readonly statusQuery?: StatusQueryMetadata;
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

/** What happened to one Transaction Status query (`result.metadata.statusQuery`). */
export type StatusQueryMetadata = {
  /** False when Daraja refused the query itself (no answer will come by callback). */
  readonly sent: boolean;
  /**
   * What it asked by: the reversal's receipt, the reversal request's `OriginatorConversationID`, or
   * only the payment's receipt (whose answer describes the payment and settles nothing).
   */
  readonly by: 'reversal-receipt' | 'reversal-request' | 'payment-receipt';
  /** Daraja's code: an `errorCode`, a status `ResultCode`, or the `TransactionStatus` read. */
  readonly providerCode?: string;
  /** What it means for the reversal, in words. */
  readonly message: string;
};
