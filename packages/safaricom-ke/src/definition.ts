import { defineAdapter } from '@reversal/core/kit';
import { SAFARICOM_KE_CAPABILITIES, SAFARICOM_KE_ID, SAFARICOM_KE_REQUEST_RULES } from './capabilities.js';
import { connect } from './connect.js';
import { SAFARICOM_KE_ENVIRONMENT } from './environment.js';
import { optionsSchema } from './options.js';

/**
 * The Safaricom M-Pesa Kenya (Daraja) adapter, for the provider registry (id `safaricom-ke`) and
 * for `createMockProvider({ like: safaricomKe })`.
 *
 * @example
 * import { createProviderRegistry } from '@reversal/core';
 * import { safaricomKe } from '@reversal/safaricom-ke';
 *
 * const registry = createProviderRegistry([safaricomKe]);
 * const provider = registry.fromEnv(process.env); // REVERSAL_PROVIDER=safaricom-ke, MPESA_KE_…
 */
export const safaricomKe = defineAdapter({
  id: SAFARICOM_KE_ID,
  displayName: 'Safaricom M-Pesa Kenya',
  capabilities: SAFARICOM_KE_CAPABILITIES,
  requestRules: SAFARICOM_KE_REQUEST_RULES,
  optionsSchema,
  environment: SAFARICOM_KE_ENVIRONMENT,
  connect,
});
