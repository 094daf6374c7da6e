import type { ReversalProvider } from '@reversal/core';
import { createProvider } from '@reversal/core/kit';
import { vodacomMz } from './definition.js';
import type { VodacomMzMetadata } from './metadata.js';
import type { VodacomMzOptions } from './options.js';

/**
 * Creates a Vodacom M-Pesa Mozambique reversal provider: synchronous results, partial amounts in
 * MZN, and `checkStatus` to settle an `unknown` result.
 *
 * Throws a `ReversalConfigError` naming each bad option (a public key in neither accepted form, a
 * missing credential); the values are never echoed. The bearer token is computed here, once.
 *
 * @example
 * const provider = createVodacomMzProvider({
 *   environment: 'production',
 *   apiKey: process.env.MPESA_MZ_API_KEY!,
 *   publicKey: process.env.MPESA_MZ_PUBLIC_KEY!,
 *   serviceProviderCode: '171717',
 *   initiatorIdentifier: process.env.MPESA_MZ_INITIATOR_IDENTIFIER!,
 *   securityCredential: process.env.MPESA_MZ_SECURITY_CREDENTIAL!,
 * });
 * const partial = await provider.reverse({ transactionId: 'A1B2C3D4E5', amount: '40.00', reference: 'REFUND42' });
 * const full = await provider.reverse({ transactionId: 'F6G7H8I9J0' }); // no amount: the whole payment
 * if (partial.status === 'unknown') {
 *   const settled = await provider.checkStatus!(partial);
 * }
 */
export function createVodacomMzProvider(options: VodacomMzOptions): ReversalProvider<VodacomMzMetadata> {
  return createProvider(vodacomMz, options);
}
