import { describe, expect, it } from 'vitest';
import { ReversalCallbackError } from '../errors/reversal-callback-error.js';
import type { ReversalProvider } from '../reversal-provider.js';
import type { ReversalResult } from '../reversal-result.js';
import { validateReversalRequest } from '../validate-request.js';
import { conformanceChecks } from './conformance-checks.js';
import { createMockProvider } from './create-mock-provider.js';
import type { MockCallbackMethods } from './mock-provider.js';

let transactions = 0;
const request = () => ({ transactionId: `TX${++transactions}`, amount: '200.00' });

describe('conformance: mock, sync with partial reversals', () => {
  const checks = conformanceChecks({ createProvider: () => createMockProvider(), capabilities: createMockProvider().capabilities, request });
  for (const check of checks) it.skipIf(check.skip)(check.name, check.run);

  it('skips only the checks that do not apply (callbacks, status answers by callback, on a sync provider)', () => {
    const skipped = checks.filter((check) => check.skip !== undefined);
    expect(skipped.length).toBeGreaterThan(0);
    expect(new Set(skipped.map((check) => check.skip))).toEqual(new Set(['results do not arrive by callback', 'status answers arrive synchronously']));
  });
});

describe('conformance: mock, sync without partial reversals or status check', () => {
  const create = () => createMockProvider({ id: 'mock-mz', currency: 'MZN', capabilities: { partialReversal: false, statusCheck: false } });
  const checks = conformanceChecks({
    createProvider: create,
    capabilities: create().capabilities,
    request: () => ({ transactionId: `TX${++transactions}`, amount: 150 }),
  });
  for (const check of checks) it.skipIf(check.skip)(check.name, check.run);

  it('reports the status check as skipped, not passed', () => {
    expect(checks.find((check) => check.name.startsWith('checkStatus'))?.skip).toBe('the provider has no status check');
  });
});

describe('conformance: mock, callback', () => {
  const disposed: ReversalProvider[] = [];
  const create = () => createMockProvider({ capabilities: { resultDelivery: 'callback', partialReversal: false } });
  const checks = conformanceChecks({
    createProvider: create,
    capabilities: create().capabilities,
    request,
    deliverCallback: async (pending, provider) => (provider as unknown as MockCallbackMethods).deliverCallback(pending),
    dispose: async (provider) => {
      disposed.push(provider);
    },
  });
  for (const check of checks) it.skipIf(check.skip)(check.name, check.run);

  it('disposes of every provider it created', () => {
    const run = checks.filter((check) => check.skip === undefined).length;
    expect(disposed.length).toBe(run);
    expect(new Set(disposed).size).toBe(run);
  });
});

/** A provider that breaks the contract in many ways, to prove that the suite notices. */
const brokenProvider = (): ReversalProvider => ({
  id: 'broken',
  capabilities: { partialReversal: false, resultDelivery: 'callback', currencies: ['kes'], statusCheck: true, statusDelivery: 'sync' },
  async reverse(input) {
    const given = input as { transactionId?: string; reference?: string };
    // Resolves for anything, echoes bad references, loses the original transaction id and uses a float amount.
    return {
      provider: 'someone-else',
      status: 'succeeded',
      reference: given.reference ?? 'not valid!',
      originalTransactionId: '',
      amount: { value: String(0.1 + 0.2), currency: 'KES' },
      metadata: {},
    } as unknown as ReversalResult;
  },
  async parseCallback() {
    throw new TypeError('Cannot read properties of undefined');
  },
});

describe('conformance: the suite can fail', () => {
  it('rejects most checks against a broken provider', async () => {
    const checks = conformanceChecks({
      createProvider: brokenProvider,
      capabilities: brokenProvider().capabilities,
      request,
      deliverCallback: async () => ({ body: '{}', url: 'https://merchant.example/callback' }),
    });
    const outcomes = await Promise.allSettled(checks.map((check) => check.run()));
    const passed = checks.filter((_, index) => outcomes[index]!.status === 'fulfilled').map((check) => check.name);
    expect(passed).toEqual([]);
  });

  it('notices a validating provider that forgets the reference, the abort, or the callback error type', async () => {
    const mock = createMockProvider({ capabilities: { resultDelivery: 'callback' } });
    const sloppy: ReversalProvider = {
      id: mock.id,
      capabilities: mock.capabilities,
      checkStatus: (query) => mock.checkStatus(query),
      async reverse(input) {
        const validated = validateReversalRequest(input, { capabilities: mock.capabilities });
        const { reference: _, ...rest } = validated;
        return mock.reverse(rest);
      },
      async parseCallback(input) {
        try {
          return await mock.parseCallback(input);
        } catch (error) {
          throw ReversalCallbackError.isInstance(error) ? new SyntaxError('Unexpected token') : error;
        }
      },
    };
    const checks = conformanceChecks({
      createProvider: () => sloppy,
      capabilities: sloppy.capabilities,
      request,
      deliverCallback: async (pending) => mock.deliverCallback(pending),
    });
    const failing = [];
    for (const check of checks) {
      if (await check.run().then(() => false, () => true)) failing.push(check.name);
    }
    expect(failing).toContain('the result keeps the given reference and the transactionId of the request');
    expect(failing).toContain('an already-aborted signal rejects with its reason');
    expect(failing).toContain('parseCallback rejects a body that is not JSON with a ReversalCallbackError');
    expect(failing).not.toContain('rejects a negative amount with a ReversalValidationError naming amount');
  });

  it("notices a status-by-callback provider whose checkStatus turns unknown into something else", async () => {
    const mock = createMockProvider({ capabilities: { resultDelivery: 'callback', statusDelivery: 'callback' } });
    const checks = conformanceChecks({ createProvider: () => mock, capabilities: mock.capabilities, request, dispose: async () => {} });
    const keeps = checks.find((check) => check.name.includes("statusDelivery 'callback'"))!;
    expect(keeps.skip).toBeUndefined();
    // The mock answers with the latest result of the reference (pending), whatever status is queried.
    await expect(keeps.run()).rejects.toThrow(/unknown must stay unknown/);
  });

  it('asks for deliverCallback when a callback provider is checked without it', async () => {
    const mock = createMockProvider({ capabilities: { resultDelivery: 'callback' } });
    const checks = conformanceChecks({ createProvider: () => mock, capabilities: mock.capabilities, request });
    const callback = checks.find((check) => check.name.startsWith('callback providers:'))!;
    await expect(callback.run()).rejects.toThrow(/pass deliverCallback/);
  });
});
