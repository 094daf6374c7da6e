import { DEFAULT_REFERENCE_FORMAT, type ReferenceFormat } from './reference-format.js';

/**
 * What a provider accepts in a reversal request, as data: core validates every request with these
 * rules before anything is sent, and `createMockProvider({ like })` validates with the same ones.
 *
 * @example
 * const rules: RequestRules = {
 *   transactionId: { pattern: /^[A-Z0-9]{8,12}$/, description: '10 upper-case letters and digits, e.g. "PDU91HIVIT"' },
 *   amountDecimals: 0,
 *   reason: { minLength: 2, maxLength: 100 },
 *   reference: { kind: 'alphanumeric', maxLength: 20 },
 * };
 */
export interface RequestRules {
  /** The format of the provider's payment receipts. */
  readonly transactionId: {
    /** Matched against the whole id (anchor it). */
    readonly pattern: RegExp;
    /** What the id looks like, for the error message (`10 upper-case letters and digits, e.g. "PDU91HIVIT"`). */
    readonly description: string;
  };
  /**
   * Decimal places the provider moves: `0` for whole units (Daraja reverses whole shillings),
   * `2` for cents (Vodacom). An amount with non-zero digits beyond them is refused.
   */
  readonly amountDecimals: 0 | 2;
  /** The length of `reason` the provider takes (it becomes Daraja's `Remarks`, for instance). */
  readonly reason: { readonly minLength: number; readonly maxLength: number };
  /**
   * The format of the reference the provider is sent (the field that carries it: Daraja's
   * `Occasion`, Vodacom's `input_ThirdPartyReference`). A request's `reference` must fit it, a
   * generated one does, and `deriveProviderReference` shapes derived ones to it. Left out:
   * `{ kind: 'alphanumeric', maxLength: 20 }`.
   */
  readonly reference?: ReferenceFormat;
}

/**
 * The rules of a provider without constraints of its own: ids of 1–64 letters, digits, `.`, `_`,
 * `-`; cents; a reason of 1–100 characters; references of 1–20 letters and digits. What a caller
 * assumes of a provider that does not declare its `requestRules`.
 */
export const DEFAULT_REQUEST_RULES: RequestRules = Object.freeze({
  transactionId: Object.freeze({
    pattern: /^[A-Za-z0-9._-]{1,64}$/,
    description: '1–64 letters, digits, ".", "_" or "-"',
  }),
  amountDecimals: 2,
  reason: Object.freeze({ minLength: 1, maxLength: 100 }),
  reference: DEFAULT_REFERENCE_FORMAT,
});
