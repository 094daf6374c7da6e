/** This library's Kenya adapter: `createSafaricomKeProvider().reverse()`, which resolves `pending`. */
import { createSafaricomKeProvider } from '@reversal/safaricom-ke';
import type { OpenClient } from './bench-client.js';

export const open: OpenClient = async ({ ke }) => {
  const provider = createSafaricomKeProvider({
    baseUrl: ke.url,
    consumerKey: ke.consumerKey,
    consumerSecret: ke.consumerSecret,
    initiatorName: ke.initiatorName,
    initiatorPassword: ke.initiatorPassword,
    certificate: ke.certificatePem,
    shortCode: ke.shortCode,
    resultUrl: ke.resultUrl,
    // The peers send plain callback URLs; signing them (the default) is measured in the callback section.
    unsignedCallbacks: true,
  });
  return {
    async reverse(id) {
      const result = await provider.reverse({ transactionId: id, amount: 200, reference: id });
      if (result.status !== 'pending') throw new Error(`expected pending, got ${JSON.stringify(result)}`);
    },
    close: () => provider.close(),
  };
};
