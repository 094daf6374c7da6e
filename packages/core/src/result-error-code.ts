/**
 * The normalised reason carried by a `failed` or `unknown` {@link ReversalResult}, the same for
 * every provider. The provider's own code always stays beside it in `error.providerCode`.
 *
 * - `ALREADY_REVERSED` – the payment was reversed before; do not try again.
 * - `TRANSACTION_NOT_FOUND` – no payment with that transaction id (or it cannot be reversed).
 * - `INSUFFICIENT_FUNDS` – the merchant account cannot fund the reversal right now.
 * - `INVALID_AMOUNT` – the amount differs from what the provider accepts for this payment.
 * - `INVALID_REQUEST` – the provider rejected a field of the request.
 * - `AUTHENTICATION_FAILED` – credentials (API key, initiator, token) were refused.
 * - `PERMISSION_DENIED` – the credentials are valid but lack the reversal permission or role.
 * - `ACCOUNT_INACTIVE` – the merchant or initiator account is not in an active state.
 * - `CREDENTIAL_LOCKED` – too many bad attempts locked the credential; unlock it with the provider.
 * - `DUPLICATE_REQUEST` – the provider has already seen this request (reference); check status.
 * - `RATE_LIMITED` – too many requests; retryable after a pause.
 * - `PROVIDER_UNAVAILABLE` – the provider could not be reached; nothing was processed.
 * - `TIMEOUT` – no answer in time; the reversal may or may not have happened.
 * - `PROCESSING_ERROR` – anything else, including every provider code we do not know.
 */
export type ResultErrorCode =
  | 'ALREADY_REVERSED'
  | 'TRANSACTION_NOT_FOUND'
  | 'INSUFFICIENT_FUNDS'
  | 'INVALID_AMOUNT'
  | 'INVALID_REQUEST'
  | 'AUTHENTICATION_FAILED'
  | 'PERMISSION_DENIED'
  | 'ACCOUNT_INACTIVE'
  | 'CREDENTIAL_LOCKED'
  | 'DUPLICATE_REQUEST'
  | 'RATE_LIMITED'
  | 'PROVIDER_UNAVAILABLE'
  | 'TIMEOUT'
  | 'PROCESSING_ERROR';

/** Every {@link ResultErrorCode}, in the order of its documentation; handy for exhaustive tests. */
export const RESULT_ERROR_CODES: readonly ResultErrorCode[] = Object.freeze([
  'ALREADY_REVERSED',
  'TRANSACTION_NOT_FOUND',
  'INSUFFICIENT_FUNDS',
  'INVALID_AMOUNT',
  'INVALID_REQUEST',
  'AUTHENTICATION_FAILED',
  'PERMISSION_DENIED',
  'ACCOUNT_INACTIVE',
  'CREDENTIAL_LOCKED',
  'DUPLICATE_REQUEST',
  'RATE_LIMITED',
  'PROVIDER_UNAVAILABLE',
  'TIMEOUT',
  'PROCESSING_ERROR',
]);

/** True when `value` is one of the {@link ResultErrorCode}s. */
export function isResultErrorCode(value: unknown): value is ResultErrorCode {
  return typeof value === 'string' && (RESULT_ERROR_CODES as readonly string[]).includes(value);
}
