import type { EnvironmentTable } from '@reversal/core';
import type { AcmeMoneyOptions } from './options.js';

/** The environment variables `registry.fromEnv()` reads for Acme Money, option by option. */
export const ACME_MONEY_ENVIRONMENT: EnvironmentTable<AcmeMoneyOptions> = Object.freeze({
  apiKey: { name: 'ACME_MONEY_API_KEY', description: 'The API key of your Acme Money merchant account.', secret: true },
  baseUrl: { name: 'ACME_MONEY_BASE_URL', description: 'Overrides the API base URL (e.g. a local simulator).' },
  timeoutMs: { name: 'ACME_MONEY_TIMEOUT_MS', description: 'Budget of each HTTP call in ms (default 30000).', type: 'integer' },
});
