/**
 * The Vodacom Mozambique extras of a result (`result.metadata`). Every field is optional: a
 * transport failure has none of them.
 */
export type VodacomMzMetadata = {
  /** The HTTP status of the response. */
  readonly httpStatus?: number;
  /** `output_ResponseCode` as Vodacom sent it (`"INS-0"`, `"INS-15"`, `""`). */
  readonly responseCode?: string;
  /** `output_ResponseDesc` as Vodacom sent it (control characters removed, at most 200 characters). */
  readonly responseDescription?: string;
  /** Status checks: `output_ResponseTransactionStatus` (`"Completed"`, `"Cancelled"`, `"Expired"`, `"N/A"`). */
  readonly transactionStatus?: string;
};
