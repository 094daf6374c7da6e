import { ReversalCallbackError } from '@reversal/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimulatedDaraja, startSimulatedDaraja, UNSIGNED } from './test-helpers/simulated-daraja.js';

let sim: SimulatedDaraja;
beforeAll(async () => {
  sim = await startSimulatedDaraja();
});
afterAll(() => sim.close());

describe('provider.parseCallback with any input (fast-check)', () => {
  for (const mode of ['unsigned', 'signed'] as const) {
    it(`gives a result or a ReversalCallbackError, never anything else (${mode})`, async () => {
      const provider = sim.provider(mode === 'signed' ? {} : UNSIGNED);
      const { transactionId } = sim.daraja.addTransaction({ amount: 10 });
      await provider.reverse({ transactionId, amount: 10 });
      const genuine = await sim.callbackFor(transactionId);
      const urls = fc.oneof(fc.constant(genuine.url), fc.string(), fc.webUrl({ withQueryParameters: true }), fc.constant(undefined));
      const bodies = fc.oneof(fc.constant(genuine.body), fc.jsonValue(), fc.string(), fc.uint8Array(), fc.constant(undefined));
      await fc.assert(
        fc.asyncProperty(urls, bodies, async (url, body) => {
          try {
            const result = await provider.parseCallback({ url: url as string, body });
            expect(['succeeded', 'failed', 'unknown']).toContain(result.status);
          } catch (error) {
            if (!ReversalCallbackError.isInstance(error)) throw error;
          }
        }),
        { numRuns: 500 },
      );
      await expect(provider.parseCallback(undefined as never)).rejects.toSatisfy(ReversalCallbackError.isInstance);
    });
  }
});
