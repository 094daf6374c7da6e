import { createCallbackHandler, createProviderRegistry } from '@reversal/core';
import { safaricomKe } from '@reversal/safaricom-ke';
import { vodacomMz } from '@reversal/vodacom-mz';
import { recordRefund } from './refunds.js';

/** The provider that REVERSAL_PROVIDER names (`safaricom-ke`, `vodacom-mz`), configured from the environment. */
export const provider = createProviderRegistry([safaricomKe, vodacomMz]).fromEnv(process.env);

/**
 * Where every result goes, whatever the country: Kenya's arrive by callback (the result route),
 * Mozambique's come back from `reverse()` and are handed over with `callbacks.deliver()`.
 */
export const callbacks = createCallbackHandler({ provider, onResult: recordRefund });
