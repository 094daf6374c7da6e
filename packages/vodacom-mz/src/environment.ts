import type { EnvironmentTable } from '@reversal/core';
import type { VodacomMzOptions } from './options.js';

/**
 * The environment variables `registry.fromEnv()` reads for Vodacom Mozambique, option by option
 * (with `REVERSAL_PROVIDER=vodacom-mz`). The README's table is this table.
 */
export const VODACOM_MZ_ENVIRONMENT = Object.freeze({
  environment: { name: 'MPESA_MZ_ENVIRONMENT', description: '`sandbox` (default) or `production`, in any case' },
  baseUrl: { name: 'MPESA_MZ_BASE_URL', description: 'Host override, without port (e.g. `https://api.mpesa.vm.co.mz`)' },
  reversalPort: { name: 'MPESA_MZ_REVERSAL_PORT', description: 'Reversal API port (default 18354)', type: 'integer' },
  statusPort: { name: 'MPESA_MZ_STATUS_PORT', description: 'Query Transaction Status API port (default 18353)', type: 'integer' },
  apiKey: { name: 'MPESA_MZ_API_KEY', description: 'API key from the Vodacom developer portal', secret: true },
  publicKey: { name: 'MPESA_MZ_PUBLIC_KEY', description: 'Public key from the portal: base64 DER as shown, or PEM' },
  serviceProviderCode: { name: 'MPESA_MZ_SERVICE_PROVIDER_CODE', description: 'Your shortcode (`input_ServiceProviderCode`)' },
  initiatorIdentifier: { name: 'MPESA_MZ_INITIATOR_IDENTIFIER', description: 'InitiatorIdentifier issued by Vodacom' },
  securityCredential: {
    name: 'MPESA_MZ_SECURITY_CREDENTIAL',
    description: 'SecurityCredential issued by Vodacom (sent as it is)',
    secret: true,
  },
  origin: { name: 'MPESA_MZ_ORIGIN', description: '`Origin` header (default `developer.mpesa.vm.co.mz`)' },
  timeoutMs: { name: 'MPESA_MZ_TIMEOUT_MS', description: 'Timeout of one call in milliseconds (default 30000)', type: 'integer' },
} satisfies EnvironmentTable<VodacomMzOptions>);
