import type { ReversalProvider } from '@reversal/core';
import { createProvider } from '@reversal/core/kit';
import { acmeMoney } from './definition.js';
import type { AcmeMoneyMetadata } from './metadata.js';
import type { AcmeMoneyOptions } from './options.js';

/**
 * Creates an Acme Money reversal provider. Validates the options (a `ReversalConfigError` names
 * each bad one) and keeps one keep-alive connection pool per instance: create it once, reuse it.
 * `reverse()` resolves with the outcome; `checkStatus()` settles an `unknown` one.
 *
 * @example
 * import { createAcmeMoneyProvider } from '@reversal/adapter-template';
 *
 * const acme = createAcmeMoneyProvider({ apiKey: process.env.ACME_MONEY_API_KEY! });
 * const result = await acme.reverse({ transactionId: 'AM00012345', amount: '200.00', reference: 'ORDER1234' });
 * if (result.status === 'unknown') console.log(await acme.checkStatus!(result));
 */
export function createAcmeMoneyProvider(options: AcmeMoneyOptions): ReversalProvider<AcmeMoneyMetadata> {
  return createProvider(acmeMoney, options);
}
