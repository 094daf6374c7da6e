import type { Money } from './money.js';
import type { ResultErrorCode } from './result-error-code.js';

/**
 * Where a reversal stands.
 *
 * - `pending` – the provider accepted the request; the outcome arrives later (callback or status).
 * - `succeeded` – the provider confirmed the reversal.
 * - `failed` – definitively not reversed; `error.retryable` says whether trying again can help.
 * - `unknown` – the request may have been processed and we do not know. Check status before
 *   trying again: a blind retry can reverse twice.
 */
export type ReversalStatus = 'pending' | 'succeeded' | 'failed' | 'unknown';

/** Why a reversal `failed`, or why its outcome is `unknown`. */
export interface ResultError {
  /** The normalised reason, the same for every provider. */
  readonly code: ResultErrorCode;
  /** The provider's own code as it sent it (`"R000001"`, `"INS-10"`, `"404.001.03"`), or ours for transport failures (`"ECONNREFUSED"`). */
  readonly providerCode: string;
  /** What happened and what to do next, in plain words. Never contains a credential. */
  readonly message: string;
  /** True when sending the same request again may succeed (after a pause for rate limits). */
  readonly retryable: boolean;
}

/** Provider-specific extras of a result; each adapter documents and types its own. */
export type ProviderMetadata = Readonly<Record<string, unknown>>;

/** The fields every result carries, whatever its status. */
export interface ReversalResultBase<TMetadata extends ProviderMetadata = ProviderMetadata> {
  /** The id of the provider that produced the result (`"safaricom-ke"`, `"vodacom-mz"`). */
  readonly provider: string;
  /** The caller's reference of the request, given or generated. */
  readonly reference: string;
  /** The receipt of the payment being reversed. */
  readonly originalTransactionId: string;
  /** The provider's receipt for the reversal itself, when it issued one. */
  readonly reversalTransactionId?: string;
  /** The provider's id for the conversation (Daraja `ConversationID`, Vodacom `output_ConversationID`). */
  readonly conversationId?: string;
  /**
   * The id the provider knows this one request (attempt) by, whoever made it: Daraja's
   * `OriginatorConversationID`, Vodacom's `input_ThirdPartyReference`, a MoMo `X-Reference-Id`.
   * Status checks and ledgers use it to ask about this very request.
   */
  readonly providerRequestId?: string;
  /** The amount reversed (or asked to be reversed), exact, with its currency. */
  readonly amount?: Money;
  /** When the provider completed the reversal. */
  readonly completedAt?: Date;
  /** Provider-specific extras, typed by each adapter. */
  readonly metadata: TMetadata;
  /** The provider's payload this result was read from, with secrets scrubbed. */
  readonly raw: unknown;
}

/** Accepted by the provider; the outcome arrives later through a callback or a status check. */
export interface PendingReversalResult<TMetadata extends ProviderMetadata = ProviderMetadata>
  extends ReversalResultBase<TMetadata> {
  readonly status: 'pending';
}

/** The provider confirmed the reversal. */
export interface SucceededReversalResult<TMetadata extends ProviderMetadata = ProviderMetadata>
  extends ReversalResultBase<TMetadata> {
  readonly status: 'succeeded';
}

/** Definitively not reversed: the provider refused, or the request provably never left. */
export interface FailedReversalResult<TMetadata extends ProviderMetadata = ProviderMetadata>
  extends ReversalResultBase<TMetadata> {
  readonly status: 'failed';
  readonly error: ResultError;
}

/** The request may have been processed; check status before trying again. */
export interface UnknownReversalResult<TMetadata extends ProviderMetadata = ProviderMetadata>
  extends ReversalResultBase<TMetadata> {
  readonly status: 'unknown';
  readonly error: ResultError;
}

/**
 * The one result model of every provider: a union discriminated by `status`.
 *
 * @example
 * switch (result.status) {
 *   case 'succeeded': markRefunded(result.reference, result.amount); break;
 *   case 'pending': awaitCallback(result.reference); break;
 *   case 'failed': if (result.error.retryable) retryLater(); else tellSupport(result.error.message); break;
 *   case 'unknown': scheduleStatusCheck(result); break;
 * }
 */
export type ReversalResult<TMetadata extends ProviderMetadata = ProviderMetadata> =
  | PendingReversalResult<TMetadata>
  | SucceededReversalResult<TMetadata>
  | FailedReversalResult<TMetadata>
  | UnknownReversalResult<TMetadata>;

/** True for `succeeded` and `failed`: results that will not change any more. */
export function isFinalResult(result: ReversalResult): result is SucceededReversalResult | FailedReversalResult {
  return result.status === 'succeeded' || result.status === 'failed';
}
