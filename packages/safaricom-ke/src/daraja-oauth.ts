import type { EventEmitter, JsonTransport, Secret, TokenCache, TransportFailure } from '@reversal/core/kit';
import { createTokenCache, withRetry } from '@reversal/core/kit';
import * as v from 'valibot';

/** Why no token could be had: the transport failed, or Daraja refused the credentials. */
export type TokenFailure =
  | { readonly kind: 'transport'; readonly failure: TransportFailure }
  | { readonly kind: 'refused'; readonly status: number; readonly errorCode: string; readonly errorMessage: string; readonly body: unknown };

const tokenSchema = v.object({
  access_token: v.pipe(v.string(), v.nonEmpty()),
  // Documented as the number 3599, sent by real Daraja as the string "3599" (NOTES.md).
  expires_in: v.optional(v.union([v.number(), v.pipe(v.string(), v.regex(/^\s*\d+\s*$/))])),
});

const errorSchema = v.looseObject({ errorCode: v.optional(v.string()), errorMessage: v.optional(v.string()) });

// Daraja documents a one-hour lifetime; used when expires_in is missing.
const DEFAULT_LIFETIME_SECONDS = 3599;

/**
 * One Daraja access token per provider instance: `GET /oauth/v1/generate` with Basic auth,
 * cached until a minute before expiry and fetched single-flight, so that a thousand concurrent
 * first calls make one token request. Requests that never left are retried (not-sent only).
 */
export function createDarajaTokenCache(options: {
  readonly transport: JsonTransport;
  readonly consumerKey: Secret;
  readonly consumerSecret: Secret;
  readonly providerId: string;
  readonly events: EventEmitter;
}): TokenCache<TokenFailure> {
  return createTokenCache<TokenFailure>({
    onFetch: (reason, ok) => options.events.emit({ type: 'token', provider: options.providerId, reason, ok }),
    async fetchToken() {
      const basic = Buffer.from(`${options.consumerKey.reveal()}:${options.consumerSecret.reveal()}`).toString('base64');
      const outcome = await withRetry(() =>
        options.transport.request({
          operation: 'oauth',
          method: 'GET',
          path: '/oauth/v1/generate',
          query: { grant_type: 'client_credentials' },
          headers: { authorization: `Basic ${basic}` },
          schema: v.unknown(),
        }),
      );
      if (outcome.kind !== 'response') return { failure: { kind: 'transport', failure: outcome } };
      const token = v.safeParse(tokenSchema, outcome.body);
      if (outcome.status === 200 && token.success) {
        const { access_token, expires_in } = token.output;
        const expiresInSeconds = expires_in === undefined ? DEFAULT_LIFETIME_SECONDS : Number(expires_in);
        return { token: access_token, expiresInSeconds };
      }
      const error = v.safeParse(errorSchema, outcome.body);
      return {
        failure: {
          kind: 'refused',
          status: outcome.status,
          errorCode: (error.success && error.output.errorCode) || `HTTP_${outcome.status}`,
          errorMessage: (error.success && error.output.errorMessage) || 'no usable token in the answer',
          body: error.success ? outcome.body : undefined,
        },
      };
    },
  });
}
