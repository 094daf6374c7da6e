import type { VodacomMzSimulator } from '@reversal/sandbox';
import { conformanceChecks } from '@reversal/core/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { providerFor, startSimulator } from './test-helpers.js';

let simulator: VodacomMzSimulator;

beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(() => simulator.close());

describe('the Vodacom Mozambique provider keeps the ReversalProvider contract', () => {
  for (const check of conformanceChecks({
    createProvider: () => providerFor(simulator),
    request: () => ({ transactionId: simulator.addTransaction({ amount: '150.00' }).transactionId, amount: '150.00' }),
  })) {
    it(check.name, check.run);
  }
});
