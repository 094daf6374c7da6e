// Shared set-up of this package's tests (not part of the public surface).
import type { ReversalProvider } from '@reversal/core';
import { startVodacomMzSimulator, type VodacomMzSimulator, type VodacomMzSimulatorOptions } from '@reversal/sandbox';
import { createVodacomMzProvider } from '../create-provider.js';
import type { VodacomMzMetadata } from '../metadata.js';
import type { VodacomMzOptions } from '../options.js';

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
