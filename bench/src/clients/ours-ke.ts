/**
 * This library's Kenya adapter: `createSafaricomKeProvider().reverse()`, which resolves `pending`.
 * Also the `base-ke` client: the same code against the adapter of a `--baseline` checkout.
 */
import type * as SafaricomKe from '@reversal/safaricom-ke';
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
  const provider = createProvider(createSafaricomKeProvider, options);
  return {
    async reverse(id) {
      const result = await provider.reverse({ transactionId: id, amount: 200, reference: id });
      if (result.status !== 'pending') throw new Error(`expected pending, got ${JSON.stringify(result)}`);
    },
    close: () => provider.close(),
  };
};

/**
 * The peers send plain callback URLs, so the adapter does too (`unsignedCallbacks: true`; signing
 * them is measured in the callback section). An adapter from before that option existed sends
 * plain URLs without it, and its strict options refuse it: then it is created without.
 */
function createProvider<T>(create: (options: never) => T, options: object): T {
  const build = create as (options: object) => T;
  try {
    return build({ ...options, unsignedCallbacks: true });
  } catch (error) {
    if (!(error instanceof Error) || !error.message.includes('unsignedCallbacks')) throw error;
    return build(options);
  }
}
