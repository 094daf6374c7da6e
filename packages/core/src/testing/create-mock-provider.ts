import type { ProviderCapabilities, StatusQuery } from '../reversal-provider.js';
import type { ReversalRequest } from '../reversal-request.js';
import type { ReversalResult } from '../reversal-result.js';
import { ReversalValidationError } from '../errors/reversal-validation-error.js';
import { DEFAULT_REQUEST_RULES } from '../request-rules.js';
import { validateReversalRequest } from '../validate-request.js';
import { appendBounded, setBounded } from './bounded-history.js';
import { completeResult, type OutcomeContext } from './complete-result.js';
import { resolveCapabilities } from './mock-capabilities.js';
import type { MockReversalCall, MockStatusCheck } from './mock-call.js';
import { decodeCallback, encodeCallback } from './mock-callback.js';
import { assertMockOutcome, type MockOutcome } from './mock-outcome.js';
import type { MockCapabilitiesOf, MockLike, MockProvider, MockProviderFor, MockProviderOptions } from './mock-provider.js';
import { createResponseScript, type MockResponse } from './mock-response.js';
import { validateStatusQuery } from '../validate-status-query.js';
import { ABORTED, untilAborted } from './until-aborted.js';

const ABORTED_AFTER_SENDING: MockOutcome = {
  status: 'unknown',
  error: {
    code: 'PROCESSING_ERROR',
    providerCode: 'ABORTED',
    message: 'The call was aborted after the request was sent; the reversal may have been processed, check its status.',
  },
};

/**
 * Creates a provider for your unit tests: a real `ReversalProvider` that validates requests
 * exactly as the adapters do, records every call, and answers what the test scripts (a value, a
 * function or a sequence), as a sync provider or as a callback provider.
 *
 * Unscripted calls succeed (sync) or resolve `pending` (callback). Scripted outcomes may be
 * partial; the mock completes them into valid results. It keeps at most `historyLimit` calls and
 * references; call `reset()` between tests when you share one mock.
 *
 * @example
 * import { createMockProvider } from '@reversal/core/testing';
 *
 * const provider = createMockProvider();
 * provider.respondOnce({ status: 'failed', error: { code: 'INSUFFICIENT_FUNDS' } });
 *
 * const result = await refundOrder(provider, order); // your code, written against ReversalProvider
 * expect(result.status).toBe('failed');
 * expect(provider.calls[0]?.validatedRequest.amount).toBe('200.00');
 */
export function createMockProvider<
  const C extends Partial<ProviderCapabilities> | undefined = undefined,
  const L extends MockLike | undefined = undefined,
>(options?: MockProviderOptions & { readonly capabilities?: C; readonly like?: L }): MockProviderFor<MockCapabilitiesOf<C, L>> {
  const id = options?.id ?? options?.like?.id ?? 'mock';
  const rules = options?.like?.requestRules ?? DEFAULT_REQUEST_RULES;
  const capabilities = resolveCapabilities(options);
  const currency = options?.currency ?? capabilities.currencies[0]!;
  const limit = options?.historyLimit ?? 10_000;
  const fallback: MockResponse = options?.respond ?? { status: capabilities.resultDelivery === 'sync' ? 'succeeded' : 'pending' };
  const script = createResponseScript();
  const calls: MockReversalCall[] = [];
  const statusChecks: MockStatusCheck[] = [];
  const latest = new Map<string, ReversalResult>();
  const statuses = new Map<string, MockOutcome>();
  let callCount = 0;
  let receiptCount = 0;

  const context = (query: StatusQuery, requestedAmount?: OutcomeContext['requestedAmount']): OutcomeContext => {
    const known = latest.get(query.reference);
    return {
      provider: id,
      currency,
      reference: query.reference,
      originalTransactionId: known?.originalTransactionId ?? query.originalTransactionId,
      requestedAmount: requestedAmount ?? known?.amount,
      conversationId: known?.conversationId ?? query.conversationId,
      now: new Date(),
      receipt: () => `MOCKREV${String(++receiptCount).padStart(6, '0')}`,
    };
  };
  const remember = (result: ReversalResult): ReversalResult => {
    setBounded(latest, result.reference, result, limit);
    return result;
  };

  const mock: MockProvider & Record<string, unknown> = {
    id,
    capabilities,
    requestRules: rules,
    calls,
    statusChecks,
    get lastCall() {
      return calls.at(-1);
    },
    async reverse(request, callOptions) {
      callOptions?.signal?.throwIfAborted();
      const validatedRequest = validateReversalRequest(request, { capabilities, rules });
      const ownIssues = options?.check?.(validatedRequest) ?? [];
      if (ownIssues.length > 0) throw new ReversalValidationError(ownIssues);
      const call: { -readonly [K in keyof MockReversalCall]: MockReversalCall[K] } = {
        index: callCount++,
        request: request as ReversalRequest,
        validatedRequest,
        options: callOptions,
        time: new Date(),
        result: undefined,
      };
      appendBounded(calls, call, limit);
      const response = script.next() ?? fallback;
      try {
        const answer = typeof response === 'function' ? response(validatedRequest, call) : response;
        const awaited = await untilAborted(answer, callOptions?.signal);
        const outcome = awaited === ABORTED ? ABORTED_AFTER_SENDING : awaited;
        assertMockOutcome(outcome, 'reverse', capabilities.resultDelivery);
        const transaction = { reference: validatedRequest.reference, originalTransactionId: validatedRequest.transactionId };
        call.result = remember(completeResult(outcome, context(transaction, validatedRequest.amount)));
        return call.result;
      } catch (error) {
        call.error = error;
        throw error;
      }
    },
    respondWith(response) {
      script.always(response);
      return mock;
    },
    respondOnce(response) {
      script.enqueue([response]);
      return mock;
    },
    respondWithSequence(responses) {
      script.enqueue(responses);
      return mock;
    },
    setStatus(reference, outcome) {
      assertMockOutcome(outcome, 'status', capabilities.resultDelivery);
      setBounded(statuses, reference, outcome, limit);
      return mock;
    },
    reset() {
      calls.length = 0;
      statusChecks.length = 0;
      latest.clear();
      statuses.clear();
      script.clear();
      callCount = 0;
      receiptCount = 0;
    },
    async close() {},
  };

  if (capabilities.statusCheck) {
    mock.checkStatus = async (query: StatusQuery, callOptions?: MockStatusCheck['options']) => {
      callOptions?.signal?.throwIfAborted();
      validateStatusQuery(query);
      const scripted = statuses.get(query.reference);
      const known = latest.get(query.reference);
      const result = scripted
        ? completeResult(scripted, context(query))
        : (known ??
          completeResult(
            { status: 'failed', error: { code: 'TRANSACTION_NOT_FOUND', message: 'The mock provider has no reversal with this reference.' } },
            context(query),
          ));
      appendBounded(statusChecks, { query, options: callOptions, time: new Date(), result }, limit);
      return result;
    };
  }
  if (capabilities.resultDelivery === 'callback') {
    mock.deliverCallback = (pending: string | StatusQuery, outcome: MockOutcome = { status: 'succeeded' }) => {
      const query = typeof pending === 'string' ? latest.get(pending) : pending;
      if (!query) {
        throw new TypeError(
          `Mock provider: no reversal with reference "${String(pending)}" was requested; pass the pending result instead of its reference.`,
        );
      }
      assertMockOutcome(outcome, 'callback', capabilities.resultDelivery);
      statuses.delete(query.reference);
      return encodeCallback(remember(completeResult(outcome, context(query))));
    };
    mock.parseCallback = async (input: Parameters<typeof decodeCallback>[0]) => decodeCallback(input, id);
  }
  return mock as unknown as MockProviderFor<MockCapabilitiesOf<C, L>>;
}
