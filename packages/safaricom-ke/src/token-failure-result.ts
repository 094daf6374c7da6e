import type { FailedReversalResult } from '@reversal/core';
import { scrub } from '@reversal/core/kit';
import type { TokenFailure } from './daraja-oauth.js';
import { type ReversalBase, SECRET_KEYS } from './map-reversal-response.js';
import type { SafaricomKeMetadata } from './safaricom-ke-metadata.js';

/**
 * The result when no access token could be had. Always `failed`: the reversal itself was never
 * sent, whatever happened to the token request. Refused credentials are not retryable; an
 * unreachable or failing OAuth endpoint is.
 */
export function tokenFailureResult(failure: TokenFailure, base: ReversalBase): FailedReversalResult<SafaricomKeMetadata> {
  if (failure.kind === 'refused' && failure.status >= 400 && failure.status < 500) {
    return {
      ...base,
      status: 'failed',
      error: {
        code: 'AUTHENTICATION_FAILED',
        providerCode: failure.errorCode,
        message: `Daraja refused the app credentials (${failure.errorCode}: "${failure.errorMessage.slice(0, 200)}"). Check consumerKey, consumerSecret and the environment; the reversal was not sent.`,
        retryable: false,
      },
      metadata: { providerDescription: failure.errorMessage.slice(0, 500) },
      raw: scrub(failure.body, SECRET_KEYS) ?? null,
    };
  }
  const code = failure.kind === 'refused' ? failure.errorCode : failure.failure.code;
  const why = failure.kind === 'refused' ? `Daraja answered HTTP ${failure.status}` : failure.failure.message;
  return {
    ...base,
    status: 'failed',
    error: {
      code: 'PROVIDER_UNAVAILABLE',
      providerCode: code,
      message: `Could not get a Daraja access token (${why}). The reversal was not sent; it is safe to try again later.`,
      retryable: true,
    },
    metadata: {},
    raw: { oauth: failure.kind === 'refused' ? { status: failure.status, code } : { transport: failure.failure.kind, code } },
  };
}
