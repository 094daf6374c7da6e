import type { Money } from '../money.js';
import type { ProviderMetadata, ReversalResult } from '../reversal-result.js';
import type { ProviderAnswer } from './adapter-spec.js';
import type { SecretScrubber } from './secret-scrubber.js';

/** The fields of a result known before the provider answers: from the request or the status query. */
export interface KnownFields {
  readonly provider: string;
  readonly reference: string;
  readonly originalTransactionId: string;
  readonly amount?: Money | undefined;
  readonly conversationId?: string | undefined;
  readonly reversalTransactionId?: string | undefined;
  readonly providerRequestId?: string | undefined;
}

/**
 * One result from what was known before sending and what the provider answered: the answer's
 * fields win, `metadata` defaults to `{}`, and `raw`, `metadata` and the error message are
 * scrubbed of every secret that went onto the wire.
 */
export function assembleResult<TMetadata extends ProviderMetadata>(
  known: KnownFields,
  answer: ProviderAnswer<TMetadata>,
  scrubber: SecretScrubber,
): ReversalResult<TMetadata> {
  const result: Record<string, unknown> = {
    provider: known.provider,
    reference: known.reference,
    originalTransactionId: known.originalTransactionId,
    status: answer.status,
  };
  const reversalTransactionId = answer.reversalTransactionId ?? known.reversalTransactionId;
  if (reversalTransactionId) result.reversalTransactionId = reversalTransactionId;
  const conversationId = answer.conversationId ?? known.conversationId;
  if (conversationId) result.conversationId = conversationId;
  const providerRequestId = answer.providerRequestId ?? known.providerRequestId;
  if (providerRequestId) result.providerRequestId = providerRequestId;
  const amount = answer.amount ?? known.amount;
  if (amount) result.amount = amount;
  if (answer.completedAt) result.completedAt = answer.completedAt;
  if (answer.status === 'failed' || answer.status === 'unknown') {
    const { code, providerCode, message, retryable } = answer.error;
    result.error = { code, providerCode: scrubber.text(providerCode), message: scrubber.text(message), retryable };
  }
  result.metadata = answer.metadata === undefined ? {} : scrubber.value(answer.metadata);
  result.raw = answer.raw === undefined ? null : scrubber.value(answer.raw);
  return result as unknown as ReversalResult<TMetadata>;
}
