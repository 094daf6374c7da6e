/**
 * This library's Mozambique adapter: `createVodacomMzProvider().reverse()`, partial amount, resolves
 * `succeeded`. Also the `base-mz` client: the same code against the adapter of a `--baseline` checkout.
 */
import type * as VodacomMz from '@reversal/vodacom-mz';
import type { OpenClient } from './bench-client.js';

export const open: OpenClient = async ({ mz }, importPackage) => {
  const { createVodacomMzProvider } = await importPackage<typeof VodacomMz>('@reversal/vodacom-mz');
  const provider = createVodacomMzProvider({
    baseUrl: mz.baseUrl,
    reversalPort: mz.reversalPort,
    statusPort: mz.statusPort,
    apiKey: mz.apiKey,
    publicKey: mz.publicKey,
    serviceProviderCode: mz.serviceProviderCode,
    initiatorIdentifier: mz.initiatorIdentifier,
    securityCredential: mz.securityCredential,
  });
  return {
    async reverse(id) {
      const result = await provider.reverse({ transactionId: id, amount: '10.00', reference: id });
      if (result.status !== 'succeeded') throw new Error(`expected succeeded, got ${JSON.stringify(result)}`);
    },
    close: async () => provider.close?.(),
  };
};
