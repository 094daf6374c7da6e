import assert from 'node:assert/strict';
import { ReversalValidationError } from '../errors/reversal-validation-error.js';
import { parseAmount } from '../money.js';
import { assertReferenceFormat, DEFAULT_REFERENCE_FORMAT, fitsReferenceFormat, generateReferenceFor } from '../reference-format.js';
import type { CallbackInput, ProviderCapabilities, ReversalProvider } from '../reversal-provider.js';
import type { ReversalRequest } from '../reversal-request.js';
import type { PendingReversalResult } from '../reversal-result.js';
import { assertReversalResult } from './assert-reversal-result.js';
import { callbackChecks } from './callback-checks.js';
import { INVALID_REQUESTS } from './invalid-requests.js';

/** One check of the conformance suite: run it with your test framework (`it(check.name, check.run)`). */
export interface ConformanceCheck {
  /** What the check proves, as a sentence. */
  readonly name: string;
  /** Runs the check; rejects with an `AssertionError` (from `node:assert`) when the provider breaks the contract. */
  readonly run: () => Promise<void>;
  /**
   * Why the check does not apply to this provider (`"the provider has no status check"`), when it
   * does not: report it as skipped (`it.skipIf(check.skip)(check.name, check.run)`), not passed.
   */
  readonly skip?: string;
}

/** What the conformance suite needs to exercise a provider. */
export interface ConformanceOptions {
  /** The provider's capabilities (e.g. `vodacomMz.capabilities`): they decide which checks apply. */
  readonly capabilities: ProviderCapabilities;
  /** Creates a fresh provider for each check. */
  readonly createProvider: () => ReversalProvider | Promise<ReversalProvider>;
  /** A fresh request the provider accepts and that ends in success (after the callback, for callback providers). */
  readonly request: () => ReversalRequest | Promise<ReversalRequest>;
  /** Callback providers: the callback the provider would receive for this pending result. */
  readonly deliverCallback?: (pending: PendingReversalResult, provider: ReversalProvider) => Promise<CallbackInput>;
  /** Releases a provider after each check; `provider.close()` when left out. */
  readonly dispose?: (provider: ReversalProvider) => Promise<void>;
}

/** Runs `body` against a fresh provider and always disposes of it. */
export type WithProvider = (body: (provider: ReversalProvider) => Promise<void>) => Promise<void>;

/**
 * The conformance suite: the checks any `ReversalProvider` (our adapters, the mock, yours) must
 * pass to keep the contract. It is framework-agnostic (plain `node:assert`); checks that do not
 * apply to the provider's capabilities (callbacks on a sync provider, status checks without
 * `statusCheck`) carry a `skip` reason.
 *
 * @example
 * import { conformanceChecks } from '@reversal/core/testing';
 *
 * describe('my provider keeps the contract', () => {
 *   for (const check of conformanceChecks({
 *     createProvider: () => createMyProvider({ baseUrl: simulator.baseUrl }),
 *     capabilities: myProvider.capabilities,
 *     request: () => ({ transactionId: simulator.createPayment('200.00'), amount: '200.00' }),
 *   })) {
 *     it.skipIf(check.skip)(check.name, check.run);
 *   }
 * });
 */
export function conformanceChecks(options: ConformanceOptions): readonly ConformanceCheck[] {
  const withProvider: WithProvider = async (body) => {
    const provider = await options.createProvider();
    try {
      await body(provider);
    } finally {
      await (options.dispose ? options.dispose(provider) : provider.close?.());
    }
  };
  const check = (name: string, body: (provider: ReversalProvider) => Promise<void>, skip?: string): ConformanceCheck =>
    skip === undefined ? { name, run: () => withProvider(body) } : { name, run: () => withProvider(body), skip };
  const referenceFormat = (provider: ReversalProvider) => provider.requestRules?.reference ?? DEFAULT_REFERENCE_FORMAT;
  const withReference = async (provider: ReversalProvider): Promise<ReversalRequest> => {
    const request = await options.request();
    return request.reference === undefined ? { ...request, reference: generateReferenceFor(referenceFormat(provider)) } : request;
  };

  return [
    check('has an id and well-formed capabilities', async (provider) => {
      assert.ok(typeof provider.id === 'string' && /^\S+$/.test(provider.id), 'id must be a non-empty string without spaces');
      const { partialReversal, resultDelivery, currencies, statusCheck } = provider.capabilities ?? {};
      assert.equal(typeof partialReversal, 'boolean', 'capabilities.partialReversal must be a boolean');
      assert.ok(resultDelivery === 'sync' || resultDelivery === 'callback', "capabilities.resultDelivery must be 'sync' or 'callback'");
      assert.ok(Array.isArray(currencies) && currencies.length > 0, 'capabilities.currencies must list at least one currency');
      for (const currency of currencies) assert.match(currency, /^[A-Z]{3}$/, 'currencies must be ISO 4217 codes');
      assert.equal(typeof statusCheck, 'boolean', 'capabilities.statusCheck must be a boolean');
      assert.equal(typeof provider.checkStatus === 'function', statusCheck, 'checkStatus must exist exactly when capabilities.statusCheck');
      if (resultDelivery === 'callback') assert.equal(typeof provider.parseCallback, 'function', 'a callback provider needs parseCallback');
      if (provider.requestRules?.reference) assertReferenceFormat(provider.requestRules.reference, 'requestRules.reference');
    }),
    check('reverse() resolves to a valid result whose status fits capabilities.resultDelivery', async (provider) => {
      const result = await provider.reverse(await options.request());
      assertReversalResult(result, provider);
      const expected = provider.capabilities.resultDelivery === 'sync' ? 'succeeded' : 'pending';
      assert.equal(result.status, expected, `a ${provider.capabilities.resultDelivery} provider must resolve ${expected} here`);
    }),
    check('the result keeps the given reference and the transactionId of the request', async (provider) => {
      const request = await withReference(provider);
      const result = await provider.reverse(request);
      assertReversalResult(result, provider);
      assert.equal(result.reference, request.reference, 'reference must be the one given');
      assert.equal(result.originalTransactionId, request.transactionId, 'originalTransactionId must be the request transactionId');
    }),
    check("a request without reference gets a generated one in the provider's reference format", async (provider) => {
      const { reference: _, ...request } = await options.request();
      const result = await provider.reverse(request);
      assertReversalResult(result, provider);
      const format = referenceFormat(provider);
      assert.ok(fitsReferenceFormat(result.reference, format), `the generated reference must fit ${JSON.stringify(format)}`);
    }),
    check('the result amount, when present, is the requested amount with two decimals in a supported currency', async (provider) => {
      const request = await options.request();
      const result = await provider.reverse(request);
      assertReversalResult(result, provider);
      const requested = request.amount === undefined ? undefined : parseAmount(request.amount);
      if (result.amount && requested?.ok) assert.equal(result.amount.value, requested.value, 'amount.value must be the requested amount');
    }),
    check('results are JSON-serialisable and carry raw and metadata', async (provider) => {
      const result = await provider.reverse(await options.request());
      const json = JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
      assert.ok(Object.hasOwn(json, 'metadata'), 'metadata must survive JSON.stringify');
      assert.ok(Object.hasOwn(result, 'raw'), 'raw must be present');
      assert.equal(json.originalTransactionId, result.originalTransactionId);
    }),
    ...INVALID_REQUESTS.map(({ description, make, field }) =>
      check(`rejects ${description} with a ReversalValidationError naming ${field ?? 'the problem'}`, async (provider) => {
        const invalid = make(await withReference(provider));
        await assert.rejects(provider.reverse(invalid as ReversalRequest), (error: unknown) => {
          assert.ok(ReversalValidationError.isInstance(error), `expected a ReversalValidationError, got ${String(error)}`);
          assert.ok(error.issues.length > 0, 'issues must list the problem');
          if (field) assert.ok(error.issues.some((issue) => issue.field === field), `issues must name ${field}`);
          return true;
        });
      }),
    ),
    check('a request without amount is rejected naming amount without partialReversal, accepted with it', async (provider) => {
      const { amount: _, ...request } = await withReference(provider);
      if (provider.capabilities.partialReversal) {
        assertReversalResult(await provider.reverse(request), provider);
        return;
      }
      await assert.rejects(provider.reverse(request), (error: unknown) => {
        assert.ok(ReversalValidationError.isInstance(error), `expected a ReversalValidationError, got ${String(error)}`);
        assert.ok(error.issues.some((issue) => issue.field === 'amount'), 'issues must name amount');
        return true;
      });
    }),
    check('an already-aborted signal rejects with its reason', async (provider) => {
      const reason = new Error('conformance: aborted before sending');
      const request = await options.request();
      await assert.rejects(provider.reverse(request, { signal: AbortSignal.abort(reason) }), (error: unknown) => {
        assert.equal(error, reason, 'reverse() must reject with signal.reason');
        return true;
      });
    }),
    ...callbackChecks(options, withProvider),
    check(
      'checkStatus (with capabilities.statusCheck) resolves to a result for the reference',
      async (provider) => {
        assert.equal(typeof provider.checkStatus, 'function', 'capabilities.statusCheck promises checkStatus');
        const reversed = await provider.reverse(await withReference(provider));
        const status = await provider.checkStatus!(reversed);
        assertReversalResult(status, provider);
        assert.equal(status.reference, reversed.reference, 'reference must be the queried one');
        assert.equal(status.originalTransactionId, reversed.originalTransactionId, 'originalTransactionId must be the queried one');
      },
      options.capabilities.statusCheck ? undefined : 'the provider has no status check',
    ),
    check(
      "checkStatus (with statusDelivery 'callback') keeps the queried status: pending stays pending, unknown stays unknown",
      async (provider) => {
        const reversed = await provider.reverse(await withReference(provider));
        const again = await provider.checkStatus!(reversed);
        assert.equal(again.status, reversed.status, 'the answer arrives by callback: checkStatus must not change the status');
        const unknown = await provider.checkStatus!({ ...reversed, status: 'unknown' });
        assert.equal(unknown.status, 'unknown', 'a query in flight is no evidence: unknown must stay unknown');
      },
      !options.capabilities.statusCheck
        ? 'the provider has no status check'
        : options.capabilities.statusDelivery !== 'callback'
          ? 'status answers arrive synchronously'
          : undefined,
    ),
  ];
}
