import { type AcmeMoneySimulator, startAcmeMoneySimulator } from '@reversal/sandbox';
import { afterAll, beforeAll } from 'vitest';
import { createAcmeMoneyProvider } from '../create-provider.js';

/** Starts one simulator for the test file (closed after it) and returns a getter for it. */
export function useAcmeMoneySimulator(): () => AcmeMoneySimulator {
  let simulator: AcmeMoneySimulator | undefined;
  beforeAll(async () => {
    simulator = await startAcmeMoneySimulator();
  });
  afterAll(() => simulator?.close());
  return () => simulator!;
}

/** A provider pointed at the simulator, with short timeouts. */
export function providerFor(simulator: AcmeMoneySimulator, overrides: { timeoutMs?: number; onEvent?: (event: unknown) => void } = {}) {
  return createAcmeMoneyProvider({ ...simulator.providerOptions, timeoutMs: 2_000, ...overrides });
}
