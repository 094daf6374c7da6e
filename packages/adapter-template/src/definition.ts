import { defineAdapter } from '@reversal/core/kit';
import { ACME_MONEY_CAPABILITIES, ACME_MONEY_ID, ACME_MONEY_REQUEST_RULES } from './capabilities.js';
import { connect } from './connect.js';
import { ACME_MONEY_ENVIRONMENT } from './environment.js';
import { optionsSchema } from './options.js';

/**
 * The Acme Money adapter, for the provider registry (id `acme-money`) and for
 * `createMockProvider({ like: acmeMoney })`.
 *
 * @example
 * import { createProviderRegistry } from '@reversal/core';
 * import { acmeMoney } from '@reversal/adapter-template';
 *
 * const registry = createProviderRegistry([acmeMoney]);
 * const provider = registry.fromEnv(process.env); // REVERSAL_PROVIDER=acme-money, ACME_MONEY_API_KEY=…
 */
export const acmeMoney = defineAdapter({
  id: ACME_MONEY_ID,
  displayName: 'Acme Money',
  capabilities: ACME_MONEY_CAPABILITIES,
  requestRules: ACME_MONEY_REQUEST_RULES,
  optionsSchema,
  environment: ACME_MONEY_ENVIRONMENT,
  connect,
});
