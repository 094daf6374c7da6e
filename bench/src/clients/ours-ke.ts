/**
 * This library's Kenya adapter: `createSafaricomKeProvider().reverse()`, which resolves `pending`.
 * Also the `base-ke` client: the same code against the adapter of a `--baseline` checkout.
 */
import type * as SafaricomKe from '@reversal/safaricom-ke';
import { createUnsignedKenyaProvider } from '../lib/unsigned-kenya-provider.js';
import type { OpenClient } from './bench-client.js';

export const open: OpenClient = async ({ ke }, importPackage) => {
  const { createSafaricomKeProvider } = await importPackage<typeof SafaricomKe>('@reversal/safaricom-ke');
  const options = {
    baseUrl: ke.url,
    consumerKey: ke.consumerKey,
    consumerSecret: ke.consumerSecret,
    initiatorName: ke.initiatorName,
    initiatorPassword: ke.initiatorPassword,
    certificate: ke.certificatePem,
    shortCode: ke.shortCode,
    resultUrl: ke.resultUrl,
  };
  // The peers send plain callback URLs, so the adapter does too; signing them is measured in the callback section.
  const provider = createUnsignedKenyaProvider(createSafaricomKeProvider, options);
  return {
    async reverse(id) {
      const result = await provider.reverse({ transactionId: id, amount: 200, reference: id });
      if (result.status !== 'pending') throw new Error(`expected pending, got ${JSON.stringify(result)}`);
    },
    close: () => provider.close(),
  };
};
