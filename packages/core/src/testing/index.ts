// @reversal/core/testing — for your unit tests: a mock provider and the conformance suite.
export { assertReversalResult } from './assert-reversal-result.js';
export type { ConformanceCheck, ConformanceOptions } from './conformance-checks.js';
export { conformanceChecks } from './conformance-checks.js';
export { createMockProvider } from './create-mock-provider.js';
export type { MockReversalCall, MockStatusCheck } from './mock-call.js';
export { MOCK_CALLBACK_URL } from './mock-callback.js';
export type { MockOutcome, MockOutcomeError } from './mock-outcome.js';
export type {
  MockCallbackMethods,
  MockCapabilitiesOf,
  MockLike,
  MockProvider,
  MockProviderFor,
  MockProviderOptions,
  MockStatusMethods,
} from './mock-provider.js';
export type { MockResponse } from './mock-response.js';
