// @reversal/core/kit — what adapter authors share. Application code does not need it.
export type { CodeLookup, CodeMapping, ProviderCodeTable } from './code-table.js';
export { lookupCode } from './code-table.js';
export { classifyTransportError } from './classify-transport-error.js';
export type {
  EventEmitter,
  RequestEvent,
  ResponseEvent,
  ResultEvent,
  RetryEvent,
  ReversalEvent,
  TokenEvent,
} from './events.js';
export { createEventEmitter, REVERSAL_CHANNELS } from './events.js';
export type { ExpiringMapOptions } from './expiring-map.js';
export { ExpiringMap } from './expiring-map.js';
export type { JsonRequest, JsonTransport, JsonTransportOptions } from './json-transport.js';
export { createJsonTransport } from './json-transport.js';
export type { JsonBody } from './read-json-body.js';
export { getHeader, readJsonBody } from './read-json-body.js';
export { scrub } from './scrub.js';
export { REDACTED_TEXT, redactText, Secret, secret } from './secret.js';
export { secretString } from './secret-schema.js';
export { isLoopbackHost, isSecureUrl, secureUrl } from './secure-url.js';
export type { IssuedToken, TokenCache, TokenCacheOptions, TokenLookup } from './token-cache.js';
export { createTokenCache } from './token-cache.js';
export type { FailureResultBase } from './transport-failure-result.js';
export { transportFailureResult } from './transport-failure-result.js';
export type {
  MaybeSentOutcome,
  NotSentOutcome,
  ResponseOutcome,
  TransportFailure,
  TransportOutcome,
} from './transport-outcome.js';
export type { RetryInfo, RetryOptions } from './with-retry.js';
export { withRetry } from './with-retry.js';
export { parseOptions, toValidationIssues } from '../registry/parse-options.js';
