import { deriveProviderReference, type ReversalProvider } from '@reversal/core';
import type { VodacomMzSimulator } from '@reversal/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VodacomMzMetadata } from './metadata.js';
import { providerFor, startSimulator } from './test-helpers/simulator.js';

// The reference Vodacom sees is derived from the caller's, never random: two senders of one
// reference meet Vodacom's own duplicate check (INS-10) instead of reversing twice.

let simulator: VodacomMzSimulator;
let first: ReversalProvider<VodacomMzMetadata>;
let second: ReversalProvider<VodacomMzMetadata>;
beforeAll(async () => {
  simulator = await startSimulator();
  // Two instances, as two processes or two ledgers would have.
  first = providerFor(simulator);
  second = providerFor(simulator);
});
afterAll(async () => {
  await Promise.all([first.close?.(), second.close?.()]);
  await simulator.close();
});

const sent = (provider: ReversalProvider, reference: string, attempt: number) =>
  deriveProviderReference({ provider: provider.id, reference, attempt, format: provider.requestRules?.reference });

describe('the reference Vodacom Mozambique is sent', () => {
  it('declares input_ThirdPartyReference: 1–20 letters and digits', () => {
    expect(first.requestRules?.reference).toEqual({ kind: 'alphanumeric', maxLength: 20 });
  });

  it('two senders of one reference: one reversal, the second answered INS-10', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '40.00' });
    const one = await first.reverse({ transactionId, amount: '40.00', reference: sent(first, 'REFUND2001', 1) });
    const two = await second.reverse({ transactionId, amount: '40.00', reference: sent(second, 'REFUND2001', 1) });
    expect(one).toMatchObject({ status: 'succeeded', reference: 'REFUND2001' });
    expect(two).toMatchObject({ status: 'unknown', error: { code: 'DUPLICATE_REQUEST', providerCode: 'INS-10' } });
    expect(simulator.transaction(transactionId)).toMatchObject({ reversed: '40.00', remaining: '0.00' });
  });

  it("a second attempt's derived reference is new to Vodacom and the same from either sender", async () => {
    const { transactionId } = simulator.addTransaction({ amount: '100.00' });
    expect(sent(first, 'REFUND2002', 2)).toBe(sent(second, 'REFUND2002', 2));
    const retried = await first.reverse({ transactionId, amount: '10.00', reference: sent(first, 'REFUND2002', 2) });
    expect(retried).toMatchObject({ status: 'succeeded', providerRequestId: sent(first, 'REFUND2002', 2) });
    expect(retried.reference).toMatch(/^[0-9A-Z]{20}$/);
    const again = await second.reverse({ transactionId, amount: '10.00', reference: sent(second, 'REFUND2002', 2) });
    expect(again).toMatchObject({ status: 'unknown', error: { providerCode: 'INS-10' } });
    expect(simulator.transaction(transactionId)).toMatchObject({ reversed: '10.00' });
  });
});
