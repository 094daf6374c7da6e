import { conformanceChecks } from '@reversal/core/testing';
import { describe, it } from 'vitest';
import { acmeMoney } from './definition.js';
import { providerFor, useAcmeMoneySimulator } from './test-helpers/acme-money-simulator.js';

const simulator = useAcmeMoneySimulator();

describe('the Acme Money provider keeps the contract (over HTTP, against the simulator)', () => {
  for (const check of conformanceChecks({
    capabilities: acmeMoney.capabilities,
    createProvider: () => providerFor(simulator()),
    request: () => ({ transactionId: simulator().addTransaction({ amount: '200.00' }).transactionId, amount: '200.00' }),
  })) {
    it.skipIf(check.skip)(check.name, check.run);
  }
});
