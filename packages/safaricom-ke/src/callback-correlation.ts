import { ReversalCallbackError, isValidReference } from '@reversal/core';
import { REFERENCE_PLACEHOLDER } from './callback-url-template.js';
import { type CallbackCorrelation, importCallbackKey, signCallbackToken, verifyCallbackToken } from './callback-token.js';

/** How callback URLs carry the reference, and how it is read back. */
export interface CallbackCorrelator {
  /** The `ResultURL` and `QueueTimeOutURL` of one reversal request. */
  urls(reference: string, originalTransactionId: string): Promise<{ ResultURL: string; QueueTimeOutURL: string }>;
  /** Reads the correlation from the URL a callback arrived at (absolute, or a path as frameworks give it). */
  read(url: string | URL): Promise<CallbackCorrelation>;
}

/** Query parameters of the plain (unsigned) mode. */
const PARAM = { reference: 'reference', transaction: 'originalTransactionId', kind: 'kind', token: 'token' } as const;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Puts the reference into the callback URLs, so that it comes back with the callback even when
 * the process died before the acknowledgement arrived. Plain mode: query parameters
 * (`reference`, `originalTransactionId`, `kind`), or the `{reference}` placeholder in the path.
 * Signed mode (with `secret`): one `token` parameter, a JWT carrying all three and an expiry.
 *
 * `originalTransactionId` rides along because Daraja's failure callbacks carry no
 * `ResultParameters`, so nothing else in them names the payment.
 */
export function createCallbackCorrelator(options: {
  readonly resultUrl: string;
  readonly queueTimeoutUrl: string;
  readonly secret?: Uint8Array;
  readonly ttlSeconds: number;
}): CallbackCorrelator {
  let key: ReturnType<typeof importCallbackKey> | undefined;
  const hmacKey = (secret: Uint8Array) => {
    key ??= importCallbackKey(secret);
    return key;
  };
  const fill = (template: string, reference: string, params: Record<string, string>): string => {
    const url = new URL(template.replace(REFERENCE_PLACEHOLDER, reference));
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.toString();
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

  // Plain mode builds URLs by concatenation: references and receipts are letters and digits only
  // (validated before), so the text equals what URL + searchParams would give, without parsing.
  const plainPrefix = (template: string): ((reference: string) => string) | undefined => {
    if (template.includes('#')) return undefined;
    const marker = 'REFERENCEPLACEHOLDER0';
    const href = new URL(template.replace(REFERENCE_PLACEHOLDER, marker)).href;
    if (new URL(href).search !== '') return undefined;
    const [before, after = ''] = href.split(marker) as [string, string?];
    return template.includes(REFERENCE_PLACEHOLDER) ? (reference) => `${before}${reference}${after}?` : () => `${before}?reference=`;
  };
  const plainResult = plainPrefix(options.resultUrl);
  const plainTimeout = plainPrefix(options.queueTimeoutUrl);
  const plainUrl = (prefix: (reference: string) => string, template: string, reference: string, originalTransactionId: string, kind: string) => {
    const start = prefix(reference);
    const head = template.includes(REFERENCE_PLACEHOLDER) ? start : `${start}${reference}&`;
    return `${head}${PARAM.transaction}=${originalTransactionId}${kind === 'queue-timeout' ? '&kind=queue-timeout' : ''}`;
  };

  const urlFor = async (kind: CallbackCorrelation['kind'], reference: string, originalTransactionId: string) => {
    const template = kind === 'result' ? options.resultUrl : options.queueTimeoutUrl;
    if (options.secret) {
      const token = await signCallbackToken(
        { reference, originalTransactionId, kind },
        await hmacKey(options.secret),
        options.ttlSeconds,
      );
      return fill(template, reference, { [PARAM.token]: token });
    }
    return fill(template, reference, {
      ...(template.includes(REFERENCE_PLACEHOLDER) ? {} : { [PARAM.reference]: reference }),
      [PARAM.transaction]: originalTransactionId,
      ...(kind === 'queue-timeout' ? { [PARAM.kind]: 'queue-timeout' } : {}),
    });
  };

  return {
    async urls(reference, originalTransactionId) {
      if (!options.secret && plainResult && plainTimeout && /^[A-Za-z0-9]+$/.test(originalTransactionId)) {
        return {
          ResultURL: plainUrl(plainResult, options.resultUrl, reference, originalTransactionId, 'result'),
          QueueTimeOutURL: plainUrl(plainTimeout, options.queueTimeoutUrl, reference, originalTransactionId, 'queue-timeout'),
        };
      }
      const [ResultURL, QueueTimeOutURL] = await Promise.all([
        urlFor('result', reference, originalTransactionId),
        urlFor('queue-timeout', reference, originalTransactionId),
      ]);
      return { ResultURL, QueueTimeOutURL };
    },
    async read(input) {
      const fromQuery = options.secret ? undefined : readPlainQuery(input);
      if (fromQuery) return fromQuery;
      let url: URL;
      try {
        url = new URL(String(input), base);
      } catch (cause) {
        throw new ReversalCallbackError('ERR_CALLBACK', 'Callback rejected: its url is not a URL. Pass the full request URL (or path with query).', { cause });
      }
      if (options.secret) return verifyCallbackToken(url.searchParams.get(PARAM.token), await hmacKey(options.secret));
      const reference =
        url.searchParams.get(PARAM.reference) ??
        patterns.map((pattern) => pattern?.exec(url.pathname)?.[1]).find((found) => found !== undefined);
      if (!isValidReference(reference)) {
        throw new ReversalCallbackError(
          'ERR_CALLBACK',
          'Callback rejected: its URL carries no reference. Pass the full URL the callback arrived at (query string included); callback URLs built by this provider always carry one.',
        );
      }
      return correlation(reference, url.searchParams.get(PARAM.kind), url.searchParams.get(PARAM.transaction));
    },
  };
}

function correlation(reference: string, kind: string | null, originalTransactionId: string | null): CallbackCorrelation {
  const found: { -readonly [K in keyof CallbackCorrelation]: CallbackCorrelation[K] } = {
    reference,
    kind: kind === 'queue-timeout' ? 'queue-timeout' : 'result',
  };
  if (originalTransactionId) found.originalTransactionId = originalTransactionId;
  return found;
}

// A path with a query of letters, digits and `=&._~-` only, as frameworks hand over the URLs this
// provider builds: nothing in it is escaped, normalised or dropped by the URL parser, so its
// parameters read the same split by hand as through `new URL(...).searchParams`.
const PLAIN_PATH_AND_QUERY = /^\/(?![\\/])[A-Za-z0-9/._~-]*\?([A-Za-z0-9=&._~-]*)$/;

/**
 * The correlation of a plain callback URL whose query carries the reference, read without
 * parsing a URL; `undefined` when the URL is not that simple (the caller then parses it).
 */
function readPlainQuery(input: string | URL): CallbackCorrelation | undefined {
  if (typeof input !== 'string') return undefined;
  const query = PLAIN_PATH_AND_QUERY.exec(input)?.[1];
  if (query === undefined) return undefined;
  let reference: string | undefined;
  let kind: string | undefined;
  let originalTransactionId: string | undefined;
  // URLSearchParams.get gives the first occurrence of a name; `name` alone means an empty value.
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = equals === -1 ? pair : pair.slice(0, equals);
    const value = equals === -1 ? '' : pair.slice(equals + 1);
    if (name === PARAM.reference) reference ??= value;
    else if (name === PARAM.kind) kind ??= value;
    else if (name === PARAM.transaction) originalTransactionId ??= value;
  }
  if (reference === undefined || !isValidReference(reference)) return undefined;
  return correlation(reference, kind ?? null, originalTransactionId ?? null);
}
