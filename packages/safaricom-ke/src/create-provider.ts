import type { CallbackInput, CallOptions, ReversalProvider, ReversalResult, StatusQuery } from '@reversal/core';
import { createProvider } from '@reversal/core/kit';
import { safaricomKe } from './definition.js';
import type { SafaricomKeMetadata } from './metadata.js';
import type { SafaricomKeOptions } from './options.js';

/** A Safaricom M-Pesa Kenya provider: `reverse()` resolves `pending`, `parseCallback()` gives the outcome. */
export interface SafaricomKeProvider extends ReversalProvider<SafaricomKeMetadata> {
  /**
   * Asks Daraja's Transaction Status about the reversal and resolves with its status unchanged; the
   * answer arrives at your callback endpoint (`parseCallback`) as a result for the same reference.
   */
  checkStatus(query: StatusQuery, options?: CallOptions): Promise<ReversalResult<SafaricomKeMetadata>>;
  /**
   * Reads Daraja's callbacks — a reversal's result or queue-timeout, a status query's answer —
   * rejecting with a `ReversalCallbackError` (400 or 401).
   */
  parseCallback(input: CallbackInput): Promise<ReversalResult<SafaricomKeMetadata>>;
  /** Daraja's expected answer to a callback: `{ ResultCode: 0, ResultDesc: 'Accepted' }`. */
  acknowledgeCallback(): { ResultCode: 0; ResultDesc: 'Accepted' };
  /** Closes the keep-alive connections. */
  close(): Promise<void>;
}

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
 *   callbackSecret: process.env.MPESA_KE_CALLBACK_SECRET!, // openssl rand -base64 32
 * });
 * const pending = await mpesa.reverse({ transactionId: 'PDU91HIVIT', amount: '200.00', reference: 'ORDER1234' });
 * // later, in your resultUrl handler:
 * const result = await mpesa.parseCallback({ body: req.body, url: req.url, headers: req.headers });
 */
export function createSafaricomKeProvider(options: SafaricomKeOptions): SafaricomKeProvider {
  // The adapter has a status operation and callbacks, so core gave the provider checkStatus, parseCallback and acknowledgeCallback.
  return createProvider(safaricomKe, options) as SafaricomKeProvider;
}
