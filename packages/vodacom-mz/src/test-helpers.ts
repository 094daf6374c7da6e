// Shared set-up of this package's tests (not part of the public surface).
import { startVodacomMzSimulator, type VodacomMzSimulator, type VodacomMzSimulatorOptions } from '@reversal/sandbox';
import type { ReversalProvider } from '@reversal/core';
import { createVodacomMzProvider } from './create-vodacom-mz-provider.js';
import type { VodacomMzMetadata } from './vodacom-mz-metadata.js';
import type { VodacomMzOptions } from './vodacom-mz-options.js';

/** A simulator with a 2048-bit key (faster to generate) unless told otherwise. */
export function startSimulator(options: VodacomMzSimulatorOptions = {}): Promise<VodacomMzSimulator> {
  return startVodacomMzSimulator({ keyBits: 2048, ...options });
}

/** A provider pointed at the simulator, with a generous timeout for shared machines. */
export function providerFor(
  simulator: VodacomMzSimulator,
  overrides: Partial<VodacomMzOptions> = {},
): ReversalProvider<VodacomMzMetadata> {
  return createVodacomMzProvider({ ...simulator.providerOptions, timeoutMs: 10_000, ...overrides });
}
