import type { ReversalResult } from '../reversal-result.js';

/** Builds the body a provider expects in answer to a callback it delivered. */
export type CallbackAcknowledgement = (result: ReversalResult) => unknown;

/**
 * What each provider expects in the body of our answer to its callback, by provider id. Providers
 * not listed get {@link DEFAULT_CALLBACK_ACKNOWLEDGEMENT}. It is a function of the result because
 * some providers want fields of the callback echoed back.
 */
export const CALLBACK_ACKNOWLEDGEMENTS: Readonly<Record<string, CallbackAcknowledgement>> = Object.freeze({
  // Daraja: the acknowledgement every integration answers (seed 001, the result-URL handler);
  // Daraja does not document one for the reversal ResultURL, and ignores the body beyond it.
  'safaricom-ke': () => ({ ResultCode: 0, ResultDesc: 'Accepted' }),
});

/** The answer body for providers without an entry in {@link CALLBACK_ACKNOWLEDGEMENTS}. */
export const DEFAULT_CALLBACK_ACKNOWLEDGEMENT: CallbackAcknowledgement = () => ({ received: true });

/** The acknowledgement body for a result received from `providerId`. */
export function acknowledgementFor(providerId: string, result: ReversalResult): unknown {
  const acknowledge = Object.hasOwn(CALLBACK_ACKNOWLEDGEMENTS, providerId)
    ? CALLBACK_ACKNOWLEDGEMENTS[providerId]!
    : DEFAULT_CALLBACK_ACKNOWLEDGEMENT;
  return acknowledge(result);
}
