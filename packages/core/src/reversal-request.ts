/**
 * What a merchant asks for: reverse (all or part of) one mobile-money payment. The same request
 * works with every provider; an adapter adds only the checks its provider needs.
 *
 * @example
 * const request: ReversalRequest = {
 *   transactionId: 'PDU91HIVIT',
 *   amount: '200.00',
 *   reference: 'ORDER1234',
 *   reason: 'Customer paid twice',
 * };
 */
export interface ReversalRequest {
  /** The provider's receipt of the payment being reversed (M-Pesa Kenya: `PDU91HIVIT`). */
  readonly transactionId: string;
  /**
   * The amount to reverse, in major units, as a number or a decimal string with at most two
   * decimals (`200`, `"200.50"`). Decimal strings are safest: they never pass through a float.
   *
   * A provider without partial reversals (`capabilities.partialReversal === false`) requires it
   * and requires it to equal the full original amount. A provider with partial reversals reverses
   * the whole payment when it is left out.
   *
   * Leave the key out rather than set it to `undefined`: `{ amount: undefined }` is refused with a
   * `ReversalValidationError` (an `amount: order.refundAmount` whose field is unset must not turn
   * into a full reversal). Under `exactOptionalPropertyTypes` the compiler refuses it too; with a
   * value that may be undefined, write `...(amount === undefined ? {} : { amount })`, which leaves
   * the key out when there is no amount.
   *
   * @example
   * declare const amount: string | undefined; // undefined: reverse the whole payment
   * await provider.reverse({ transactionId: 'PDU91HIVIT', ...(amount === undefined ? {} : { amount }) });
   */
  readonly amount?: number | string;
  /**
   * Your correlation id for this reversal, in the provider's format (`provider.requestRules?.reference`):
   * 1–20 letters and digits by default and for every provider here. Generated when absent (or
   * `undefined`); always returned on the result. Reuse the same reference to make a repeated request
   * recognisable as a duplicate (`deriveProviderReference` gives the one to send for each attempt).
   */
  readonly reference?: string | undefined;
  /**
   * Free text shown to the provider (and sometimes the customer), at most 100 characters; absent
   * or `undefined` sends none.
   */
  readonly reason?: string | undefined;
}

/** A {@link ReversalRequest} after validation: the reference is set and the amount is canonical. */
export interface ValidatedReversalRequest {
  /** As given. */
  readonly transactionId: string;
  /** Canonical two-decimal string (`"200.00"`), or absent for a full reversal. */
  readonly amount?: string;
  /** As given, or generated. */
  readonly reference: string;
  /** As given. */
  readonly reason?: string;
}
