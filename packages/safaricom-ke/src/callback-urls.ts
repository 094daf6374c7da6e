import { isValidReference, ReversalCallbackError } from '@reversal/core';
import { type CallbackCorrelation, importCallbackKey, signCallbackToken, verifyCallbackToken } from './callback-token.js';
import { REFERENCE_PLACEHOLDER } from './callback-url-template.js';

/** The `ResultURL` and `QueueTimeOutURL` of one reversal request, and the tokens in them. */
export interface CallbackUrls {
  readonly ResultURL: string;
  readonly QueueTimeOutURL: string;
  /** The signed tokens the URLs carry (none in unsigned mode): secrets of the call. */
  readonly tokens: readonly string[];
}

/** How callback URLs carry the reference, and how it is read back. */
export interface CallbackCorrelator {
  /** The callback URLs of one reversal request. */
  urls(reference: string, originalTransactionId: string): Promise<CallbackUrls>;
  /** Reads the correlation from the URL a callback arrived at (absolute, or a path as frameworks give it). */
  read(url: string | URL): Promise<CallbackCorrelation>;
}

/** Query parameters of the callback URLs. */
const PARAM = { reference: 'reference', transaction: 'originalTransactionId', kind: 'kind', token: 'token' } as const;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Puts the reference into the callback URLs, so that it comes back with the callback even when
 * the process died before the acknowledgement arrived. Signed mode (with `secret`, the default):
 * one `token` parameter, a JWT carrying the reference, the original transaction, the kind and an
 * expiry. Unsigned mode: query parameters (`reference`, `originalTransactionId`, `kind`), or the
 * `{reference}` placeholder in the path.
 *
 * `originalTransactionId` rides along because Daraja's failure callbacks carry no
 * `ResultParameters`, so nothing else in them names the payment.
 */
export function createCallbackCorrelator(options: {
  readonly resultUrl: string;
  readonly queueTimeoutUrl: string;
  readonly secret?: Uint8Array | undefined;
  readonly ttlSeconds: number;
}): CallbackCorrelator {
  const secret = options.secret;
  let key: ReturnType<typeof importCallbackKey> | undefined;
  const hmacKey = (bytes: Uint8Array) => {
    key ??= importCallbackKey(bytes);
    return key;
  };
  const pathPattern = (template: string): RegExp | undefined => {
    if (!template.includes(REFERENCE_PLACEHOLDER)) return undefined;
    const marker = 'REFERENCEPLACEHOLDER0';
    const [before, after] = new URL(template.replace(REFERENCE_PLACEHOLDER, marker)).pathname.split(marker) as [string, string];
    // Anchored at the end only: a proxy may mount the callback route below a prefix.
    return new RegExp(`${escapeRegExp(before)}([A-Za-z0-9]{1,20})${escapeRegExp(after)}$`);
  };
  const patterns = [pathPattern(options.resultUrl), pathPattern(options.queueTimeoutUrl)];
  const base = new URL(options.resultUrl.replace(REFERENCE_PLACEHOLDER, 'REFERENCE')).origin;

  const urlFor = async (kind: CallbackCorrelation['kind'], reference: string, originalTransactionId: string) => {
    const template = kind === 'result' ? options.resultUrl : options.queueTimeoutUrl;
    const url = new URL(template.replace(REFERENCE_PLACEHOLDER, reference));
    if (secret) {
      const token = await signCallbackToken({ reference, originalTransactionId, kind }, await hmacKey(secret), options.ttlSeconds);
      url.searchParams.set(PARAM.token, token);
      return { url: url.toString(), token };
    }
    if (!template.includes(REFERENCE_PLACEHOLDER)) url.searchParams.set(PARAM.reference, reference);
    url.searchParams.set(PARAM.transaction, originalTransactionId);
    if (kind === 'queue-timeout') url.searchParams.set(PARAM.kind, 'queue-timeout');
    return { url: url.toString() };
  };

  return {
    async urls(reference, originalTransactionId) {
      const [result, timeout] = await Promise.all([
        urlFor('result', reference, originalTransactionId),
        urlFor('queue-timeout', reference, originalTransactionId),
      ]);
      const tokens = [result.token, timeout.token].filter((token): token is string => token !== undefined);
      return { ResultURL: result.url, QueueTimeOutURL: timeout.url, tokens };
    },
    async read(input) {
      let url: URL;
      try {
        url = new URL(String(input), base);
      } catch (cause) {
        throw new ReversalCallbackError('ERR_CALLBACK', 'Callback rejected: its url is not a URL. Pass the full request URL (or path with query).', {
          cause,
        });
      }
      if (secret) return verifyCallbackToken(url.searchParams.get(PARAM.token), await hmacKey(secret));
      const reference =
        url.searchParams.get(PARAM.reference) ??
        patterns.map((pattern) => pattern?.exec(url.pathname)?.[1]).find((found) => found !== undefined);
      if (!isValidReference(reference)) {
        throw new ReversalCallbackError(
          'ERR_CALLBACK',
          'Callback rejected: its URL carries no reference. Pass the full URL the callback arrived at (query string included); callback URLs built by this provider always carry one.',
        );
      }
      const originalTransactionId = url.searchParams.get(PARAM.transaction);
      return {
        reference,
        kind: url.searchParams.get(PARAM.kind) === 'queue-timeout' ? 'queue-timeout' : 'result',
        ...(originalTransactionId ? { originalTransactionId } : {}),
      };
    },
  };
}
