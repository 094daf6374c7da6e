import assert from 'node:assert/strict';
import { DEFAULT_REFERENCE_FORMAT, describeReferenceFormat, fitsReferenceFormat } from '../reference-format.js';
import { isResultErrorCode } from '../result-error-code.js';
import type { ReversalProvider } from '../reversal-provider.js';
import type { ReversalResult, ReversalStatus } from '../reversal-result.js';

const STATUSES: readonly ReversalStatus[] = ['pending', 'succeeded', 'failed', 'unknown'];
const TWO_DECIMALS = /^(0|[1-9]\d*)\.\d{2}$/;

/**
 * Asserts that `value` is a well-formed `ReversalResult` of `provider`: a known status, the
 * provider's id, a reference in the provider's format
 * (`requestRules.reference`), the original transaction id, an exact `Money` in one of the
 * provider's currencies, an error on `failed` and `unknown`, `metadata` and `raw`, and that it
 * survives `JSON.stringify`. Throws an `AssertionError` naming the first field that is wrong.
 *
 * @example
 * const result = await provider.reverse(request);
 * assertReversalResult(result, provider);
 */
export function assertReversalResult(value: unknown, provider: ReversalProvider): asserts value is ReversalResult {
  assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value), 'a result must be an object');
  const result = value as Partial<Record<keyof ReversalResult | 'error', unknown>>;
  assert.ok(STATUSES.includes(result.status as ReversalStatus), `status must be one of ${STATUSES.join(', ')}`);
  assert.equal(result.provider, provider.id, 'provider must be the provider id');
  const format = provider.requestRules?.reference ?? DEFAULT_REFERENCE_FORMAT;
  assert.ok(fitsReferenceFormat(result.reference, format), `reference must be ${describeReferenceFormat(format)}`);
  assert.ok(typeof result.originalTransactionId === 'string' && result.originalTransactionId !== '', 'originalTransactionId is required');
  for (const field of ['reversalTransactionId', 'conversationId'] as const) {
    assert.ok(result[field] === undefined || typeof result[field] === 'string', `${field} must be a string when present`);
  }
  if (result.amount !== undefined) {
    const amount = result.amount as { value?: unknown; currency?: unknown };
    assert.ok(typeof amount.value === 'string' && TWO_DECIMALS.test(amount.value), 'amount.value must have exactly two decimals ("200.00")');
    assert.ok(
      provider.capabilities.currencies.includes(amount.currency as string),
      `amount.currency must be one of capabilities.currencies (${provider.capabilities.currencies.join(', ')})`,
    );
  }
  if (result.completedAt !== undefined) {
    assert.ok(result.completedAt instanceof Date && !Number.isNaN(result.completedAt.getTime()), 'completedAt must be a valid Date');
  }
  assert.ok(
    typeof result.metadata === 'object' && result.metadata !== null && !Array.isArray(result.metadata),
    'metadata must be an object ({} when the provider has no extras)',
  );
  assert.ok(Object.hasOwn(result, 'raw'), 'raw must be present (the provider payload, secrets scrubbed)');
  if (result.status === 'failed' || result.status === 'unknown') {
    const error = result.error as Partial<Record<string, unknown>> | undefined;
    assert.ok(typeof error === 'object' && error !== null, `a ${result.status} result needs an error`);
    assert.ok(isResultErrorCode(error.code), 'error.code must be a ResultErrorCode');
    assert.equal(typeof error.providerCode, 'string', 'error.providerCode must be a string');
    assert.ok(typeof error.message === 'string' && error.message !== '', 'error.message must say what happened');
    assert.equal(typeof error.retryable, 'boolean', 'error.retryable must be a boolean');
  }
  let json: string;
  assert.doesNotThrow(() => {
    json = JSON.stringify(result);
  }, 'a result must be JSON-serialisable');
  const parsed = JSON.parse(json!) as Record<string, unknown>;
  assert.equal(parsed.status, result.status, 'status must survive JSON.stringify');
  assert.equal(parsed.reference, result.reference, 'reference must survive JSON.stringify');
}
