// @reversal/core/kit — what adapter authors use. Application code does not need it; nothing here
// is exported from the main entry too, but DEFAULT_REQUEST_RULES, which adapters build their rules
// from and callers assume of a provider without rules (kept here for the adapters that import it).
export type {
  AdapterConnection,
  AdapterSpec,
  CallbackAnswer,
  CallbackSpec,
  CommonOptions,
  ConnectContext,
  CredentialFailure,
  CredentialSpec,
  OperationSpec,
  PreparedCall,
  ProviderAnswer,
} from '../adapter/adapter-spec.js';
export { defineAdapter } from '../adapter/define-adapter.js';
export type { SecretScrubber } from '../adapter/secret-scrubber.js';
export { createSecretScrubber } from '../adapter/secret-scrubber.js';
export { createProvider } from '../registry/create-provider.js';
export { parseOptions, toValidationIssues } from '../registry/parse-options.js';
export { DEFAULT_REQUEST_RULES } from '../request-rules.js';
export type { ValidatedReversalRequest } from '../reversal-request.js';
export type { ValidateRequestOptions } from '../validate-request.js';
export { validateReversalRequest } from '../validate-request.js';
export type { CodeLookup, DocumentedCodeTable } from './code-table.js';
export { lookupCode } from './code-table.js';
export type { EventEmitter } from './events.js';
export { createEventEmitter } from './events.js';
export type { ExpiringMapOptions } from './expiring-map.js';
export { ExpiringMap } from './expiring-map.js';
export type { JsonRequest, JsonTransport, JsonTransportOptions } from './json-transport.js';
export { createJsonTransport } from './json-transport.js';
export type { JsonBody } from './read-json-body.js';
export { getHeader, readJsonBody } from './read-json-body.js';
export { REDACTED_TEXT, redactText } from './secret.js';
export { secretString } from './secret-schema.js';
export { truncateText } from './storable-text.js';
export { isLoopbackHost, isSecureUrl, secureUrl } from './secure-url.js';
export type { IssuedToken } from './token-cache.js';
export type {
  MaybeSentOutcome,
  NotSentOutcome,
  ResponseOutcome,
  TransportFailure,
  TransportOutcome,
} from './transport-outcome.js';
