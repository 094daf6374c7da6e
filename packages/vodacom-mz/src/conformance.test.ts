import type { VodacomMzSimulator } from '@reversal/sandbox';
import { conformanceChecks } from '@reversal/core/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { vodacomMz } from './definition.js';
import { providerFor, startSimulator } from './test-helpers/simulator.js';

let simulator: VodacomMzSimulator;

beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(() => simulator.close());

describe('the Vodacom Mozambique provider keeps the ReversalProvider contract', () => {
  for (const check of conformanceChecks({
    capabilities: vodacomMz.capabilities,
    createProvider: () => providerFor(simulator),
    request: () => ({ transactionId: simulator.addTransaction({ amount: '150.00' }).transactionId, amount: '150.00' }),
  })) {
    it.skipIf(check.skip)(check.name, check.run);
  }
});
