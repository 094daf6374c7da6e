import { parseOptions } from '@reversal/core/kit';
import { buildSafaricomKeProvider, type SafaricomKeProvider } from './safaricom-ke-provider.js';
import { type SafaricomKeOptions, safaricomKeOptionsSchema } from './safaricom-ke-options.js';

/**
 * Creates a Safaricom M-Pesa Kenya (Daraja) reversal provider. Validates the options (a
 * `ReversalConfigError` names each bad one), computes the SecurityCredential once, and keeps one
 * access token and one keep-alive connection pool per instance: create it once, reuse it.
 *
 * `reverse()` resolves `pending` when Daraja acknowledges; the outcome arrives at `resultUrl`,
 * where `parseCallback()` turns it into `succeeded`, `failed` or `unknown` with the same `reference`.
 *
 * @example
 * import { createSafaricomKeProvider } from '@reversal/safaricom-ke';
 *
 * const mpesa = createSafaricomKeProvider({
 *   environment: 'production',
 *   consumerKey: process.env.MPESA_KE_CONSUMER_KEY!,
 *   consumerSecret: process.env.MPESA_KE_CONSUMER_SECRET!,
 *   initiatorName: 'apiop37',
 *   initiatorPassword: process.env.MPESA_KE_INITIATOR_PASSWORD!,
 *   shortCode: '603021',
 *   resultUrl: 'https://shop.example/mpesa/reversal/result',
 *   callbackSecret: process.env.MPESA_KE_CALLBACK_SECRET!,
 * });
 * const pending = await mpesa.reverse({ transactionId: 'PDU91HIVIT', amount: '200.00', reference: 'ORDER1234' });
 * // later, in your resultUrl handler:
 * const result = await mpesa.parseCallback({ body: req.body, url: req.url, headers: req.headers });
 */
export function createSafaricomKeProvider(options: SafaricomKeOptions): SafaricomKeProvider {
  return buildSafaricomKeProvider(parseOptions(safaricomKeOptionsSchema, options, 'safaricom-ke provider'));
}
