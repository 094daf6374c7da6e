export type { ReversalErrorCode, ValidationIssue } from './errors/reversal-error.js';
export type { CodeMapping, ProviderCodeTable } from './kit/code-table.js';
export { Secret, secret } from './kit/secret.js';
export { ReversalError } from './errors/reversal-error.js';
export { ReversalCallbackError } from './errors/reversal-callback-error.js';
export { ReversalConfigError } from './errors/reversal-config-error.js';
export { ReversalValidationError } from './errors/reversal-validation-error.js';
export type {
  RequestEvent,
  ResponseEvent,
  ResultEvent,
  RetryEvent,
  ReversalEvent,
  TokenEvent,
} from './kit/events.js';
export { REVERSAL_CHANNELS } from './kit/events.js';
export type { Money, ParsedAmount } from './money.js';
export { fromMinorUnits, parseAmount, toMinorUnits, toMoney } from './money.js';
export { GENERATED_REFERENCE_LENGTH, generateReference, isValidReference } from './reference.js';
export type { ReferenceFormat } from './reference-format.js';
export type { ProviderReferenceInput } from './derive-provider-reference.js';
export { deriveProviderReference } from './derive-provider-reference.js';
export type { ProviderConfig, ProviderRegistry } from './registry/create-provider-registry.js';
export { createProviderRegistry, PROVIDER_ENVIRONMENT_VARIABLE } from './registry/create-provider-registry.js';
export type {
  AnyProviderDefinition,
  EnvironmentTable,
  EnvironmentVariable,
  ProviderDefinition,
  ProviderInput,
} from './registry/provider-definition.js';
export type { Environment } from './registry/read-environment.js';
export type { ResultErrorCode } from './result-error-code.js';
export { isResultErrorCode, RESULT_ERROR_CODES } from './result-error-code.js';
export type {
  CallbackInput,
  CallOptions,
  HeaderInput,
  ProviderCapabilities,
  ReversalProvider,
  StatusQuery,
} from './reversal-provider.js';
export type { RequestRules } from './request-rules.js';
export { DEFAULT_REQUEST_RULES } from './request-rules.js';
export type { ReversalRequest } from './reversal-request.js';
export type {
  FailedReversalResult,
  PendingReversalResult,
  ProviderMetadata,
  ResultError,
  ReversalResult,
  ReversalResultBase,
  ReversalStatus,
  SucceededReversalResult,
  UnknownReversalResult,
} from './reversal-result.js';
export { isFinalResult } from './reversal-result.js';
// Receiving results (callback handler, result store) exports go below this line.
export type { CallbackDeduplicator, ClaimOutcome, MemoryDeduplicatorOptions } from './callbacks/callback-deduplicator.js';
export { createMemoryDeduplicator } from './callbacks/callback-deduplicator.js';
export type { CallbackFailure, CallbackFailureReason } from './callbacks/callback-failure.js';
export type {
  CallbackAnswer,
  CallbackHandler,
  FetchCallbackContext,
  IncomingCallback,
} from './callbacks/callback-handler.js';
export type { CallbackHandlerOptions, CallbackHandlerSettings } from './callbacks/callback-handler-options.js';
export type { CallbackLedger, LedgerReceipt } from './callbacks/callback-ledger.js';
export { createCallbackHandler } from './callbacks/create-callback-handler.js';
export { ReversalDeliveryInProgressError } from './callbacks/delivery-in-progress-error.js';
export type { MemoryResultStoreOptions } from './callbacks/memory-result-store.js';
export { createMemoryResultStore } from './callbacks/memory-result-store.js';
export { currentResult, recordAttemptResult, sameAttempt } from './callbacks/result-attempts.js';
export type { ResultStore, Unsubscribe } from './callbacks/result-store.js';
export { reviveResult } from './callbacks/revive-result.js';
export type { WaitForResultOptions } from './callbacks/wait-for-result.js';
export { waitForResult } from './callbacks/wait-for-result.js';
