import type { Money } from '../money.js';
import type { ResultErrorCode } from '../result-error-code.js';
import type { ProviderMetadata, ReversalStatus } from '../reversal-result.js';

/** The parts of a result error a script may give; the mock fills in the rest. */
export interface MockOutcomeError {
  /** The normalised reason; `PROCESSING_ERROR` for `failed` and `TIMEOUT` for `unknown` when left out. */
  readonly code?: ResultErrorCode;
  /** The provider's own code; `MOCK_<code>` when left out. */
  readonly providerCode?: string;
  /** The explanation; a generic sentence naming the code when left out. */
  readonly message?: string;
  /** True for `RATE_LIMITED` and `PROVIDER_UNAVAILABLE` when left out, false otherwise. */
  readonly retryable?: boolean;
}

/**
 * What a mock provider answers, as a test writes it: a status and only the fields the test cares
 * about. The mock completes it into a full, valid `ReversalResult`: provider id, the request's
 * reference and transaction id, the request's amount with the mock's currency, `metadata: {}`,
 * a `raw` payload, and an error for `failed` and `unknown`.
 *
 * @example
 * mock.respondWith({ status: 'unknown', error: { code: 'ALREADY_REVERSED' } });
 */
export interface MockOutcome {
  /** Where the reversal stands. */
  readonly status: ReversalStatus;
  /** For `failed` and `unknown`: the parts of the error the test cares about. Ignored otherwise. */
  readonly error?: MockOutcomeError;
  /** The provider's receipt for the reversal; `MOCKREV…` (numbered) for `succeeded` when left out. */
  readonly reversalTransactionId?: string;
  /** The provider's conversation id; absent when left out. */
  readonly conversationId?: string;
  /**
   * The amount reversed: a `Money`, or major units in the mock's currency (`"200.00"`, `200`).
   * Defaults to the request's amount; absent for a full reversal without amount.
   */
  readonly amount?: Money | string | number;
  /** When the reversal completed; the time of the call for `succeeded` and `failed` when left out. */
  readonly completedAt?: Date;
  /** Provider-specific extras; `{}` when left out. */
  readonly metadata?: ProviderMetadata;
  /** The provider payload; a small JSON object describing the outcome when left out. */
  readonly raw?: unknown;
}

const STATUSES: readonly ReversalStatus[] = ['pending', 'succeeded', 'failed', 'unknown'];

/**
 * Throws a `TypeError` naming the mistake when a test scripted something that is not a
 * {@link MockOutcome}, or a status that the mock's `resultDelivery` cannot produce from `where`.
 */
export function assertMockOutcome(
  outcome: unknown,
  where: 'reverse' | 'callback' | 'status',
  resultDelivery: 'sync' | 'callback',
): asserts outcome is MockOutcome {
  const status = (outcome as { status?: unknown } | null)?.status;
  if (typeof outcome !== 'object' || outcome === null || !STATUSES.includes(status as ReversalStatus)) {
    throw new TypeError(
      `Mock provider: a scripted outcome must be an object with a status of ${STATUSES.join(', ')}, such as { status: 'succeeded' }.`,
    );
  }
  if (where === 'reverse' && resultDelivery === 'sync' && status === 'pending') {
    throw new TypeError(
      "Mock provider: a sync provider's reverse() never resolves pending; use resultDelivery: 'callback' to script pending results.",
    );
  }
  if (where === 'reverse' && resultDelivery === 'callback' && status === 'succeeded') {
    throw new TypeError(
      "Mock provider: a callback provider's reverse() resolves pending, never succeeded; deliver the success with mock.deliverCallback(reference).",
    );
  }
  if (where === 'callback' && status === 'pending') {
    throw new TypeError('Mock provider: a callback carries a final outcome (succeeded, failed or unknown), never pending.');
  }
}
