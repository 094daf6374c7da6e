import { type Money, parseAmount } from '../money.js';
import type { ResultErrorCode } from '../result-error-code.js';
import type { ResultError, ReversalResult } from '../reversal-result.js';
import type { MockOutcome } from './mock-outcome.js';

/** What the mock knows about the reversal an outcome belongs to. */
export interface OutcomeContext {
  /** The mock's provider id. */
  readonly provider: string;
  /** The mock's currency, for amounts given in major units. */
  readonly currency: string;
  /** The reference of the request. */
  readonly reference: string;
  /** The transaction id of the request. */
  readonly originalTransactionId: string;
  /** The amount when the outcome gives none: the request's (canonical) or an earlier result's. */
  readonly requestedAmount?: Money | string;
  /** The conversation id when the outcome gives none (an earlier result's). */
  readonly conversationId?: string;
  /** The time of the call. */
  readonly now: Date;
  /** The receipt to use when a `succeeded` outcome gives none. */
  readonly receipt: () => string;
}

const RETRYABLE_BY_DEFAULT: ReadonlySet<ResultErrorCode> = new Set(['RATE_LIMITED', 'PROVIDER_UNAVAILABLE']);

/**
 * Completes a scripted {@link MockOutcome} into a full `ReversalResult`, filling in every field
 * the script left out. Throws a `TypeError` for an amount that is not one.
 */
export function completeResult(outcome: MockOutcome, context: OutcomeContext): ReversalResult {
  const amount = toAmount(outcome.amount ?? context.requestedAmount, context.currency);
  const final = outcome.status === 'succeeded' || outcome.status === 'failed';
  const conversationId = outcome.conversationId ?? context.conversationId;
  const reversalTransactionId =
    outcome.reversalTransactionId ?? (outcome.status === 'succeeded' ? context.receipt() : undefined);
  const completedAt = outcome.completedAt ?? (final ? context.now : undefined);
  const base = {
    provider: context.provider,
    reference: context.reference,
    originalTransactionId: context.originalTransactionId,
    ...(reversalTransactionId === undefined ? {} : { reversalTransactionId }),
    ...(conversationId === undefined ? {} : { conversationId }),
    ...(amount === undefined ? {} : { amount }),
    ...(completedAt === undefined ? {} : { completedAt }),
    metadata: outcome.metadata ?? {},
  };
  if (outcome.status === 'pending' || outcome.status === 'succeeded') {
    return { ...base, status: outcome.status, raw: outcome.raw ?? rawPayload(outcome.status, context) };
  }
  const error = completeError(outcome);
  return { ...base, status: outcome.status, error, raw: outcome.raw ?? rawPayload(outcome.status, context, error) };
}

function completeError(outcome: MockOutcome): ResultError {
  const code = outcome.error?.code ?? (outcome.status === 'unknown' ? 'TIMEOUT' : 'PROCESSING_ERROR');
  return {
    code,
    providerCode: outcome.error?.providerCode ?? `MOCK_${code}`,
    message:
      outcome.error?.message ??
      (outcome.status === 'unknown'
        ? `The mock provider reported ${code}; the outcome is unknown, check status before trying again.`
        : `The mock provider refused the reversal with ${code}.`),
    retryable: outcome.error?.retryable ?? RETRYABLE_BY_DEFAULT.has(code),
  };
}

function toAmount(amount: Money | string | number | undefined, currency: string): Money | undefined {
  if (amount === undefined) return undefined;
  const given = typeof amount === 'object' ? amount.value : amount;
  const parsed = parseAmount(given, { allowZero: true });
  // A Money must already be canonical: it is what a real adapter would hand out.
  if (!parsed.ok || (typeof amount === 'object' && parsed.value !== amount.value)) {
    throw new TypeError(
      'Mock provider: a scripted amount must be major units such as "200.00" or 200, or a Money with exactly two decimals.',
    );
  }
  return { value: parsed.value, currency: typeof amount === 'object' ? amount.currency : currency };
}

function rawPayload(status: string, context: OutcomeContext, error?: ResultError): Record<string, unknown> {
  return {
    mock: context.provider,
    status,
    reference: context.reference,
    transactionId: context.originalTransactionId,
    ...(error ? { code: error.providerCode } : {}),
  };
}
