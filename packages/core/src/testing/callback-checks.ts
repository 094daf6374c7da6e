import assert from 'node:assert/strict';
import { ReversalCallbackError } from '../errors/reversal-callback-error.js';
import type { CallbackInput, ReversalProvider } from '../reversal-provider.js';
import type { ConformanceCheck, ConformanceOptions, WithProvider } from './conformance-checks.js';
import { assertReversalResult } from './assert-reversal-result.js';

const GARBAGE_BODIES: readonly { readonly description: string; readonly body: unknown }[] = [
  { description: 'a body that is not JSON', body: 'not json {' },
  { description: 'an empty JSON object', body: {} },
  { description: 'a JSON array', body: [] },
  { description: 'an empty body', body: '' },
  { description: 'bytes that are not JSON', body: new Uint8Array([0xff, 0x00, 0x7b]) },
];

/** The conformance checks of `parseCallback`; skipped for providers whose results do not arrive by callback. */
export function callbackChecks(options: ConformanceOptions, withProvider: WithProvider): ConformanceCheck[] {
  const skip = options.capabilities.resultDelivery === 'callback' ? {} : { skip: 'results do not arrive by callback' };
  /** A genuine callback for a fresh pending reversal (so that URL tokens and headers are right). */
  const deliver = async (provider: ReversalProvider): Promise<{ input: CallbackInput; reference: string; transactionId: string }> => {
    assert.ok(options.deliverCallback, 'pass deliverCallback in the options: a callback provider is checked with the callback it would receive');
    const pending = await provider.reverse(await options.request());
    assertReversalResult(pending, provider);
    assert.equal(pending.status, 'pending', 'a callback provider must resolve pending');
    const input = await options.deliverCallback(pending, provider);
    return { input, reference: pending.reference, transactionId: pending.originalTransactionId };
  };

  return [
    {
      name: 'callback providers: the delivered callback parses into succeeded with the same reference and transactionId',
      run: () =>
        withProvider(async (provider) => {
          const { input, reference, transactionId } = await deliver(provider);
          assert.equal(typeof provider.parseCallback, 'function', 'a callback provider needs parseCallback');
          const final = await provider.parseCallback!(input);
          assertReversalResult(final, provider);
          assert.equal(final.status, 'succeeded', 'the callback of a successful reversal must parse into succeeded');
          assert.equal(final.reference, reference, 'the callback result must keep the reference');
          assert.equal(final.originalTransactionId, transactionId, 'the callback result must keep originalTransactionId');
        }),
      ...skip,
    },
    ...GARBAGE_BODIES.map(({ description, body }) => ({
      name: `parseCallback rejects ${description} with a ReversalCallbackError`,
      run: () =>
        withProvider(async (provider) => {
          assert.equal(typeof provider.parseCallback, 'function', 'a callback provider needs parseCallback');
          const genuine = (await deliver(provider)).input;
          await assert.rejects(provider.parseCallback!({ ...genuine, body }), (error: unknown) => {
            assert.ok(ReversalCallbackError.isInstance(error), `expected a ReversalCallbackError, got ${String(error)}`);
            return true;
          });
        }),
      ...skip,
    })),
  ];
}
