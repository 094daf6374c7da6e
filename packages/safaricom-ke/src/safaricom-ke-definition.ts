import { type EnvironmentTable, defineProvider } from '@reversal/core';
import { buildSafaricomKeProvider, SAFARICOM_KE_ID } from './safaricom-ke-provider.js';
import { type SafaricomKeOptions, safaricomKeOptionsSchema } from './safaricom-ke-options.js';

/** The environment variables `registry.fromEnv()` reads for Safaricom Kenya, option by option. */
export const SAFARICOM_KE_ENVIRONMENT: EnvironmentTable<SafaricomKeOptions> = {
  environment: { name: 'MPESA_KE_ENVIRONMENT', description: '`sandbox` (default) or `production`.' },
  baseUrl: { name: 'MPESA_KE_BASE_URL', description: 'Overrides the Daraja base URL (e.g. a local simulator).' },
  consumerKey: { name: 'MPESA_KE_CONSUMER_KEY', description: 'Consumer Key of your Daraja app.', secret: true },
  consumerSecret: { name: 'MPESA_KE_CONSUMER_SECRET', description: 'Consumer Secret of your Daraja app.', secret: true },
  initiatorName: { name: 'MPESA_KE_INITIATOR_NAME', description: 'The API operator (Initiator) user name.' },
  initiatorPassword: {
    name: 'MPESA_KE_INITIATOR_PASSWORD',
    description: "The API operator's password (or set MPESA_KE_SECURITY_CREDENTIAL instead).",
    secret: true,
  },
  securityCredential: {
    name: 'MPESA_KE_SECURITY_CREDENTIAL',
    description: 'A pre-computed SecurityCredential (instead of MPESA_KE_INITIATOR_PASSWORD).',
    secret: true,
  },
  certificate: {
    name: 'MPESA_KE_CERTIFICATE',
    description: 'The M-Pesa certificate as PEM (`\\n` escapes accepted) or base64 DER; default: the bundled one.',
  },
  shortCode: { name: 'MPESA_KE_SHORT_CODE', description: 'Your pay bill or till number (`ReceiverParty`).' },
  resultUrl: { name: 'MPESA_KE_RESULT_URL', description: 'Where Daraja POSTs results; may contain `{reference}`.' },
  queueTimeoutUrl: { name: 'MPESA_KE_QUEUE_TIMEOUT_URL', description: 'Where Daraja POSTs queue timeouts; default: the result URL.' },
  callbackSecret: {
    name: 'MPESA_KE_CALLBACK_SECRET',
    description: 'At least 32 characters: callback URLs carry a signed token that `parseCallback` verifies.',
    secret: true,
  },
  callbackTokenTtlSeconds: {
    name: 'MPESA_KE_CALLBACK_TOKEN_TTL_SECONDS',
    description: 'Lifetime of a callback token in seconds (default 86400).',
    type: 'integer',
  },
  timeoutMs: { name: 'MPESA_KE_TIMEOUT_MS', description: 'Budget of each HTTP call in ms (default 30000).', type: 'integer' },
};

/**
 * The Safaricom M-Pesa Kenya definition for the provider registry (id `safaricom-ke`).
 *
 * @example
 * import { createProviderRegistry } from '@reversal/core';
 * import { safaricomKe } from '@reversal/safaricom-ke';
 *
 * const registry = createProviderRegistry([safaricomKe]);
 * const provider = registry.fromEnv(process.env); // REVERSAL_PROVIDER=safaricom-ke, MPESA_KE_…
 */
export const safaricomKe = defineProvider({
  id: SAFARICOM_KE_ID,
  displayName: 'Safaricom M-Pesa Kenya',
  optionsSchema: safaricomKeOptionsSchema,
  environment: SAFARICOM_KE_ENVIRONMENT,
  create: buildSafaricomKeProvider,
});
