import { conformanceChecks } from '@reversal/core/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createSafaricomKeProvider } from './create-safaricom-ke-provider.js';
import { CANARY, type SimulatedDaraja, startSimulatedDaraja } from './test-helpers/simulated-daraja.js';

let sim: SimulatedDaraja;
beforeAll(async () => {
  sim = await startSimulatedDaraja();
});
afterAll(() => sim.close());

for (const mode of ['plain callback URLs', 'signed callback URLs'] as const) {
  describe(`safaricom-ke keeps the ReversalProvider contract (${mode})`, () => {
    const checks = conformanceChecks({
      createProvider: () =>
        createSafaricomKeProvider(sim.options(mode === 'signed callback URLs' ? { callbackSecret: CANARY.callbackSecret } : {})),
      request: () => ({ transactionId: sim.daraja.addTransaction({ amount: 200 }).transactionId, amount: '200.00' }),
      deliverCallback: (pending) => sim.callbackFor(pending.originalTransactionId),
    });
    for (const check of checks) it(check.name, check.run);
  });
}
