import type { Secret } from '@reversal/core';
import { type CredentialSpec, type JsonTransport, type ResponseOutcome, truncateText } from '@reversal/core/kit';
import * as v from 'valibot';

const tokenSchema = v.object({
  access_token: v.pipe(v.string(), v.nonEmpty()),
  // Documented as the number 3599, sent by real Daraja as the string "3599" (docs/providers/safaricom-ke.md).
  expires_in: v.optional(v.union([v.number(), v.pipe(v.string(), v.regex(/^\s*\d+\s*$/))])),
});

/** Daraja's error answer, `{ requestId, errorCode, errorMessage }`, of the OAuth and the reversal calls alike. */
export const darajaErrorSchema = v.looseObject({
  errorCode: v.string(),
  errorMessage: v.fallback(v.optional(v.string()), undefined),
});

// Daraja documents a one-hour lifetime; used when expires_in is missing.
const DEFAULT_LIFETIME_SECONDS = 3599;

/** The `errorCode` Daraja answers for an expired or unknown access token (with HTTP 404). */
export const INVALID_TOKEN_CODE = '404.001.03';

/**
 * Every `errorCode` that means "this access token is not valid": `404.001.03` as captured, and
 * `400.003.01` "Invalid Access Token" as the Transaction Status page lists it
 * (docs/providers/safaricom-ke.md, "Transaction Status").
 */
const INVALID_TOKEN_CODES: readonly (string | undefined)[] = [INVALID_TOKEN_CODE, '400.003.01'];

/**
 * Daraja's OAuth call: `GET /oauth/v1/generate?grant_type=client_credentials` with Basic
 * `base64(consumerKey:consumerSecret)`. Core caches the token (single flight, until a minute before
 * expiry) and fetches a new one once when Daraja answers `404.001.03`.
 */
export function darajaCredentials(transport: JsonTransport, basicCredential: string): CredentialSpec {
  return {
    transport,
    prepare: () => ({
      request: {
        method: 'GET',
        path: '/oauth/v1/generate',
        query: { grant_type: 'client_credentials' },
        headers: { authorization: `Basic ${basicCredential}` },
      },
    }),
    read(response) {
      const token = v.safeParse(tokenSchema, response.body);
      if (response.status === 200 && token.success) {
        const { access_token, expires_in } = token.output;
        return { token: access_token, expiresInSeconds: expires_in === undefined ? DEFAULT_LIFETIME_SECONDS : Number(expires_in) };
      }
      const error = v.safeParse(darajaErrorSchema, response.body);
      const providerCode = error.success ? error.output.errorCode : `HTTP_${response.status}`;
      const message = error.success ? error.output.errorMessage : undefined;
      const said = message ? truncateText(message, 200) : 'no usable token in the answer';
      const raw = error.success ? response.body : { oauth: { status: response.status } };
      if (response.status >= 400 && response.status < 500) {
        return {
          failure: {
            code: 'AUTHENTICATION_FAILED',
            providerCode,
            message: `Daraja refused the app credentials (${providerCode}: "${said}"). Check consumerKey, consumerSecret and the environment.`,
            retryable: false,
            raw,
          },
        };
      }
      return {
        failure: {
          code: 'PROVIDER_UNAVAILABLE',
          providerCode,
          message: `Could not get a Daraja access token (Daraja answered HTTP ${response.status}).`,
          retryable: true,
          raw,
        },
      };
    },
    authorize: (token) => ({ authorization: `Bearer ${token}` }),
    rejected: (response) => response.status >= 400 && INVALID_TOKEN_CODES.includes(readErrorCode(response)),
  };
}

/** The `errorCode` of a Daraja error answer, if the answer is one. */
export function readErrorCode(response: ResponseOutcome<unknown>): string | undefined {
  const error = v.safeParse(darajaErrorSchema, response.body);
  return error.success ? error.output.errorCode : undefined;
}

/** `base64(consumerKey:consumerSecret)`, the Basic credential of the OAuth call. */
export function basicCredential(consumerKey: Secret, consumerSecret: Secret): string {
  return Buffer.from(`${consumerKey.reveal()}:${consumerSecret.reveal()}`).toString('base64');
}
