/**
 * Why a callback was not acknowledged with 2xx:
 *
 * - `method-not-allowed` (405) – not a POST.
 * - `address-not-allowed` (403) – the sender's address is not on the `allowList`.
 * - `unknown-provider` (404) – no provider receives callbacks at this URL.
 * - `too-large` (413) – the body is larger than `maxBodyBytes`.
 * - `malformed` (400) – the body is not JSON, or the provider rejected it (`ERR_CALLBACK`), or it was cut off.
 * - `unauthenticated` (401) – the provider found the callback token missing, forged or expired.
 * - `result-handler-failed` (500) – `onResult` threw; the provider may deliver again.
 * - `delivery-in-progress` (503, `Retry-After`) – the same outcome is still being handed to
 *   `onResult` by an earlier delivery, which may yet fail; the provider should deliver again later.
 * - `internal-error` (500) – the provider's parser, the store or the deduplicator failed unexpectedly.
 */
export type CallbackFailureReason =
  | 'method-not-allowed'
  | 'address-not-allowed'
  | 'unknown-provider'
  | 'too-large'
  | 'malformed'
  | 'unauthenticated'
  | 'result-handler-failed'
  | 'delivery-in-progress'
  | 'internal-error';

/** A callback the handler answered with 4xx or 5xx, as passed to `onError`. */
export interface CallbackFailure {
  /** The HTTP status answered. */
  readonly status: number;
  /** Why; see {@link CallbackFailureReason}. */
  readonly reason: CallbackFailureReason;
  /** What happened, for your logs. Never contains the callback token or a credential. */
  readonly message: string;
  /** The id of the provider the callback was routed to, when known. */
  readonly provider?: string;
  /** The reference of the reversal, when the callback was read that far. */
  readonly reference?: string;
  /** The sender's address as the handler saw it, when known. */
  readonly remoteAddress?: string;
  /** The error thrown (by the provider's parser, `onResult`, the store), when there was one. */
  readonly error?: unknown;
}
