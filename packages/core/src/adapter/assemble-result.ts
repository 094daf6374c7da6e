import type { Money } from '../money.js';
import type { ProviderMetadata, ReversalResult } from '../reversal-result.js';
import type { ProviderAnswer } from './adapter-spec.js';
import { toWellFormedText } from '../kit/storable-text.js';
import { mapStrings } from './map-strings.js';
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
 * fields win, `metadata` defaults to `{}`, and every string — ids, the error, `raw` and `metadata`
 * — is scrubbed of every secret that went onto the wire and made well-formed (a lone surrogate
 * becomes U+FFFD), so that the result can be stored as it is (PostgreSQL's `jsonb` refuses lone surrogates).
 */
export function assembleResult<TMetadata extends ProviderMetadata>(
  known: KnownFields,
  answer: ProviderAnswer<TMetadata>,
  scrubber: SecretScrubber,
): ReversalResult<TMetadata> {
  const clean = (text: string) => toWellFormedText(scrubber.text(text));
  const result: Record<string, unknown> = {
    provider: known.provider,
    reference: clean(known.reference),
    originalTransactionId: clean(known.originalTransactionId),
    status: answer.status,
  };
  const reversalTransactionId = answer.reversalTransactionId ?? known.reversalTransactionId;
  if (reversalTransactionId) result.reversalTransactionId = clean(reversalTransactionId);
  const conversationId = answer.conversationId ?? known.conversationId;
  if (conversationId) result.conversationId = clean(conversationId);
  const providerRequestId = answer.providerRequestId ?? known.providerRequestId;
  if (providerRequestId) result.providerRequestId = clean(providerRequestId);
  const amount = answer.amount ?? known.amount;
  if (amount) result.amount = amount;
  if (answer.completedAt) result.completedAt = answer.completedAt;
  if (answer.status === 'failed' || answer.status === 'unknown') {
    const { code, providerCode, message, retryable } = answer.error;
    result.error = { code, providerCode: clean(providerCode), message: clean(message), retryable };
  }
  result.metadata = answer.metadata === undefined ? {} : mapStrings(answer.metadata, clean);
  result.raw = answer.raw === undefined ? null : mapStrings(answer.raw, clean);
  return result as unknown as ReversalResult<TMetadata>;
}
