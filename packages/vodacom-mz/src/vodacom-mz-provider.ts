import type { ReversalProvider } from '@reversal/core';
import { sendReversal } from './send-reversal.js';
import { sendStatusQuery } from './send-status-query.js';
import { VODACOM_MZ_CAPABILITIES } from './vodacom-mz-capabilities.js';
import { createVodacomMzClient, VODACOM_MZ_ID } from './vodacom-mz-client.js';
import type { VodacomMzMetadata } from './vodacom-mz-metadata.js';
import type { ResolvedVodacomMzOptions } from './vodacom-mz-options.js';

/** Builds the provider from validated options; what the `vodacomMz` definition's `create` does. */
export function buildVodacomMzProvider(options: ResolvedVodacomMzOptions): ReversalProvider<VodacomMzMetadata> {
  const client = createVodacomMzClient(options);
  const provider: ReversalProvider<VodacomMzMetadata> = {
    id: VODACOM_MZ_ID,
    capabilities: VODACOM_MZ_CAPABILITIES,
    reverse: (request, callOptions) => sendReversal(client, request, callOptions),
    checkStatus: (query, callOptions) => sendStatusQuery(client, query, callOptions),
    close: async () => {
      await Promise.all([client.reversal.close(), client.status.close()]);
    },
  };
  return Object.freeze(provider);
}
