import type { ValidationIssue } from '../errors/reversal-error.js';
import type { CallbackInput, CallOptions, ProviderCapabilities, ReversalProvider, StatusQuery } from '../reversal-provider.js';
import type { ValidatedReversalRequest } from '../reversal-request.js';
import type { RequestRules } from '../request-rules.js';
import type { ReversalResult } from '../reversal-result.js';
import type { MockReversalCall, MockStatusCheck } from './mock-call.js';
import type { MockOutcome } from './mock-outcome.js';
import type { MockResponse } from './mock-response.js';

/** What the mock imitates of an adapter's definition (`safaricomKe` fits as it is). */
export interface MockLike {
  readonly id: string;
  readonly capabilities: ProviderCapabilities;
  readonly requestRules: RequestRules;
}

/** How {@link createMockProvider} builds a mock; every option has a default. */
export interface MockProviderOptions {
  /**
   * An adapter's definition to imitate (`like: safaricomKe`): its id, capabilities and request
   * rules, so that a unit test fails on a request the real adapter would refuse. `id` and
   * `capabilities` given beside it override its own.
   */
  readonly like?: MockLike;
  /** The provider id on every result; `like.id`, else `"mock"`, by default. */
  readonly id?: string;
  /**
   * What the mock can do. Defaults: `partialReversal: true`, `resultDelivery: 'sync'`,
   * `currencies: [currency]`, `statusCheck: true`. With `resultDelivery: 'callback'`, `reverse()`
   * resolves `pending` and the mock gains `deliverCallback()` and `parseCallback()`; with
   * `statusCheck: false` it has no `checkStatus()`.
   */
  readonly capabilities?: Partial<ProviderCapabilities>;
  /** The currency of amounts on results; the first of `capabilities.currencies`, else `"KES"`. */
  readonly currency?: string;
  /**
   * The response of every call not scripted otherwise; `{ status: 'succeeded' }` for a sync mock,
   * `{ status: 'pending' }` for a callback mock.
   */
  readonly respond?: MockResponse;
  /** Extra request checks of your own, run after the provider's rules (e.g. a maximum amount). */
  readonly check?: (request: ValidatedReversalRequest) => readonly ValidationIssue[];
  /**
   * How many calls, status checks and references the mock remembers; the oldest are forgotten
   * beyond it. 10 000 by default; `reset()` forgets everything.
   */
  readonly historyLimit?: number;
}

/** What every mock provider has: the `ReversalProvider` contract plus recording and scripting. */
export interface MockProvider extends ReversalProvider {
  /** The rules its `reverse()` validates with: those of `like`, else `DEFAULT_REQUEST_RULES`. */
  readonly requestRules: RequestRules;
  /** The `reverse()` calls that passed validation, oldest first (rejected requests are not recorded). */
  readonly calls: readonly MockReversalCall[];
  /** The most recent of {@link MockProvider.calls}. */
  readonly lastCall: MockReversalCall | undefined;
  /** The `checkStatus()` calls, oldest first. */
  readonly statusChecks: readonly MockStatusCheck[];
  /** Answers every later call with `response`, unless a one-off response is queued. */
  respondWith(response: MockResponse): this;
  /** Queues `response` for the next call only; queued responses are used in order. */
  respondOnce(response: MockResponse): this;
  /** Queues one response per call, in order; after the last, `respondWith`'s (or the default) applies. */
  respondWithSequence(responses: readonly MockResponse[]): this;
  /**
   * Sets what `checkStatus()` reports for `reference` from now on (until a callback is delivered
   * for it). Without it, `checkStatus()` reports the latest result of that reference, or `failed`
   * with `TRANSACTION_NOT_FOUND` for a reference the mock never saw.
   */
  setStatus(reference: string, outcome: MockOutcome): this;
  /** Forgets every call, result and scripted response, back to the state after creation. */
  reset(): void;
}

/** The methods of a mock created with `resultDelivery: 'callback'`. */
export interface MockCallbackMethods {
  /**
   * The callback the provider would post for a reversal: pass the `pending` result (or its
   * reference) and the final outcome (`{ status: 'succeeded' }` by default). Hand the returned
   * input to your callback handler; `parseCallback()` reads it back.
   */
  deliverCallback(pending: string | StatusQuery, outcome?: MockOutcome): CallbackInput;
  /** Reads a callback from `deliverCallback()`; rejects anything else with a `ReversalCallbackError`. */
  parseCallback(input: CallbackInput): Promise<ReversalResult>;
}

/** The method of a mock created with `statusCheck` on (the default). */
export interface MockStatusMethods {
  /** Reports where a reversal stands; see {@link MockProvider.setStatus}. */
  checkStatus(query: StatusQuery, options?: CallOptions): Promise<ReversalResult>;
}

/** The capability `K` of a capabilities option `C`, or `Default` when `C` leaves it out. */
type Field<C, K extends keyof ProviderCapabilities, Default> = C extends unknown
  ? K extends keyof C
    ? undefined extends C[K]
      ? Exclude<C[K], undefined> | Default
      : C[K]
    : Default
  : never;

/**
 * The type of the mock that `createMockProvider({ capabilities })` returns: `deliverCallback` and
 * `parseCallback` when `resultDelivery` is `'callback'`, `checkStatus` unless `statusCheck` is
 * `false` (each optional when the capabilities are not literal types).
 */
export type MockProviderFor<C extends Partial<ProviderCapabilities> | undefined> = MockProvider &
  ([Field<C, 'resultDelivery', 'sync'>] extends ['callback']
    ? MockCallbackMethods
    : [Field<C, 'resultDelivery', 'sync'>] extends ['sync']
      ? { readonly parseCallback?: undefined }
      : Partial<MockCallbackMethods>) &
  ([Field<C, 'statusCheck', true>] extends [true]
    ? MockStatusMethods
    : [Field<C, 'statusCheck', true>] extends [false]
      ? { readonly checkStatus?: undefined }
      : Partial<MockStatusMethods>);

/**
 * The capabilities a mock gets from `like` (the adapter's) and `capabilities` (given beside it,
 * winning), as types: the mock's methods follow them.
 */
export type MockCapabilitiesOf<C extends Partial<ProviderCapabilities> | undefined, L extends MockLike | undefined> = L extends MockLike
  ? [C] extends [undefined]
    ? L['capabilities']
    : Omit<L['capabilities'], keyof NonNullable<C>> & NonNullable<C>
  : C;
