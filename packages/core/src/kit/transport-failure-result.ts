import type { Money } from '../money.js';
import type {
  FailedReversalResult,
  ProviderMetadata,
  UnknownReversalResult,
} from '../reversal-result.js';
import type { TransportFailure } from './transport-outcome.js';

/** The fields a transport failure result is built around. */
export interface FailureResultBase<TMetadata extends ProviderMetadata = ProviderMetadata> {
  readonly provider: string;
  readonly reference: string;
  readonly originalTransactionId: string;
  readonly amount?: Money;
  readonly conversationId?: string;
  readonly metadata: TMetadata;
}

/**
 * The result for a call that got no usable response: `failed` + `PROVIDER_UNAVAILABLE`
 * (retryable) when the request provably never left, `unknown` + `TIMEOUT` or `PROCESSING_ERROR`
 * (check status before trying again) when it may have been processed.
 */
export function transportFailureResult<TMetadata extends ProviderMetadata>(
  failure: TransportFailure,
  base: FailureResultBase<TMetadata>,
): FailedReversalResult<TMetadata> | UnknownReversalResult<TMetadata> {
  const raw = {
    transport: failure.kind,
    code: failure.code,
    ...(failure.kind === 'maybe-sent' ? { reason: failure.reason } : {}),
    ...(failure.kind === 'maybe-sent' && failure.status !== undefined ? { status: failure.status } : {}),
    ...(failure.kind === 'maybe-sent' && failure.text !== undefined ? { body: failure.text } : {}),
  };
  if (failure.kind === 'not-sent') {
    return {
      ...base,
      status: 'failed',
      error: {
        code: 'PROVIDER_UNAVAILABLE',
        providerCode: failure.code,
        message: `${base.provider}: ${failure.message}. Nothing was sent; it is safe to try again later.`,
        retryable: true,
      },
      raw,
    };
  }
  return {
    ...base,
    status: 'unknown',
    error: {
      code: failure.reason === 'timeout' ? 'TIMEOUT' : 'PROCESSING_ERROR',
      providerCode: failure.code,
      message: `${base.provider}: ${failure.message}. The reversal may have been processed; check its status before trying again.`,
      retryable: false,
    },
    raw,
  };
}
