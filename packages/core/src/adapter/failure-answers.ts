import type { TransportFailure } from '../kit/transport-outcome.js';
import type { ProviderMetadata, ReversalStatus } from '../reversal-result.js';
import type { CredentialFailure, ProviderAnswer } from './adapter-spec.js';

/** What a call was for: the reversal itself, or a status query about one. */
export type Operation = 'reversal' | 'status';

/**
 * The answer for a reversal that got no usable response: `failed` + `PROVIDER_UNAVAILABLE`
 * (retryable) when the request provably never left, `unknown` + `TIMEOUT` or `PROCESSING_ERROR`
 * when it may have been processed. For a status query, always `unknown`: a query that failed says
 * nothing about the reversal.
 */
export function transportFailureAnswer<TMetadata extends ProviderMetadata>(
  failure: TransportFailure,
  operation: Operation,
  displayName: string,
): ProviderAnswer<TMetadata> {
  const raw: Record<string, unknown> = { transport: failure.kind, code: failure.code };
  if (failure.kind === 'maybe-sent') {
    raw.reason = failure.reason;
    if (failure.status !== undefined) raw.status = failure.status;
    if (failure.text !== undefined) raw.body = failure.text;
  }
  const code = failure.kind === 'not-sent' ? 'PROVIDER_UNAVAILABLE' : failure.reason === 'timeout' ? 'TIMEOUT' : 'PROCESSING_ERROR';
  if (operation === 'status') {
    return {
      status: 'unknown',
      error: {
        code,
        providerCode: failure.code,
        message: `${displayName}: the status query failed (${failure.message}), so the reversal's outcome is still unknown. Check its status again later.`,
        retryable: false,
      },
      raw,
    };
  }
  if (failure.kind === 'not-sent') {
    return {
      status: 'failed',
      error: {
        code,
        providerCode: failure.code,
        message: `${displayName}: ${failure.message}. Nothing was sent; it is safe to try again later.`,
        retryable: true,
      },
      raw,
    };
  }
  return {
    status: 'unknown',
    error: {
      code,
      providerCode: failure.code,
      message: `${displayName}: ${failure.message}. The reversal may have been processed; check its status before trying again.`,
      retryable: false,
    },
    raw,
  };
}

/**
 * The answer when no access token could be had. A reversal was then never sent: `failed`, retryable
 * as the failure says. A status query was never sent either: the reversal stays `unknown`.
 */
export function credentialFailureAnswer<TMetadata extends ProviderMetadata>(
  failure: CredentialFailure,
  operation: Operation,
): ProviderAnswer<TMetadata> {
  const raw = failure.raw === undefined ? { credentials: failure.providerCode } : failure.raw;
  if (operation === 'status') {
    return {
      status: 'unknown',
      error: {
        code: failure.code,
        providerCode: failure.providerCode,
        message: `${failure.message} The status query was not sent, so the reversal's outcome is still unknown.`,
        retryable: false,
      },
      raw,
    };
  }
  return {
    status: 'failed',
    error: {
      code: failure.code,
      providerCode: failure.providerCode,
      message: `${failure.message} The reversal was not sent${failure.retryable ? '; it is safe to try again later' : ''}.`,
      retryable: failure.retryable,
    },
    raw,
  };
}

/** The failure of a token call that got no usable response: the token endpoint is unavailable. */
export function tokenTransportFailure(failure: TransportFailure, displayName: string): CredentialFailure {
  return {
    code: 'PROVIDER_UNAVAILABLE',
    providerCode: failure.code,
    message: `Could not get a ${displayName} access token (${failure.message}).`,
    retryable: true,
    raw: { credentials: { transport: failure.kind, code: failure.code } },
  };
}

/**
 * A failed status query leaves a `pending` reversal `pending`: the provider accepted it and the
 * query says nothing new, so it must not read as less certain. The query's failure is kept in
 * `raw.statusQuery`. Any other queried status gives the failure answer (`unknown`) as it is.
 */
export function keepPendingOnFailedQuery<TMetadata extends ProviderMetadata>(
  answer: ProviderAnswer<TMetadata>,
  queried: ReversalStatus | undefined,
): ProviderAnswer<TMetadata> {
  if (queried !== 'pending' || !('error' in answer)) return answer;
  return { status: 'pending', raw: { statusQuery: { error: answer.error, raw: answer.raw } } };
}
