import { conformanceChecks } from '@reversal/core/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createSafaricomKeProvider } from './create-provider.js';
import { safaricomKe } from './definition.js';
import { type SimulatedDaraja, startSimulatedDaraja, UNSIGNED } from './test-helpers/simulated-daraja.js';

let sim: SimulatedDaraja;
beforeAll(async () => {
  sim = await startSimulatedDaraja();
});
afterAll(() => sim.close());

for (const mode of ['signed callback URLs', 'unsigned callback URLs'] as const) {
  describe(`safaricom-ke keeps the ReversalProvider contract (${mode})`, () => {
    const checks = conformanceChecks({
      capabilities: safaricomKe.capabilities,
      createProvider: () => createSafaricomKeProvider(sim.options(mode === 'signed callback URLs' ? {} : UNSIGNED)),
      request: () => ({ transactionId: sim.daraja.addTransaction({ amount: 200 }).transactionId, amount: '200.00' }),
      deliverCallback: (pending) => sim.callbackFor(pending.originalTransactionId),
    });
    for (const check of checks) it.skipIf(check.skip)(check.name, check.run);
  });
}
