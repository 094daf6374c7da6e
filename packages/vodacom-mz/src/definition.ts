import { defineAdapter } from '@reversal/core/kit';
import { VODACOM_MZ_CAPABILITIES, VODACOM_MZ_REQUEST_RULES } from './capabilities.js';
import { connect } from './connect.js';
import { VODACOM_MZ_ENVIRONMENT } from './environment.js';
import { vodacomMzOptionsSchema } from './options.js';

/**
 * The Vodacom M-Pesa Mozambique provider definition (id `vodacom-mz`), for
 * `createProviderRegistry([...])`: the provider becomes configuration.
 *
 * @example
 * import { createProviderRegistry } from '@reversal/core';
 * import { vodacomMz } from '@reversal/vodacom-mz';
 *
 * const registry = createProviderRegistry([vodacomMz]);
 * const provider = registry.fromEnv(process.env); // REVERSAL_PROVIDER=vodacom-mz, MPESA_MZ_* …
 */
export const vodacomMz = defineAdapter({
  id: 'vodacom-mz',
  displayName: 'Vodacom M-Pesa Mozambique',
  capabilities: VODACOM_MZ_CAPABILITIES,
  requestRules: VODACOM_MZ_REQUEST_RULES,
  optionsSchema: vodacomMzOptionsSchema,
  environment: VODACOM_MZ_ENVIRONMENT,
  connect,
});
