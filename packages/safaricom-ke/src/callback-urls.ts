import { isValidReference, ReversalCallbackError } from '@reversal/core';
import {
  type CallbackCorrelation,
  type CallbackKind,
  importCallbackKey,
  type StatusCorrelation,
  signCallbackToken,
  verifyCallbackToken,
} from './callback-token.js';
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
  /** The callback URLs of one Transaction Status query about a reversal. */
  statusUrls(reversal: StatusUrlsInput): Promise<CallbackUrls>;
  /** Reads the correlation from the URL a callback arrived at (absolute, or a path as frameworks give it). */
  read(url: string | URL): Promise<CallbackCorrelation>;
}

/** The reversal a status query asks about, as its callback URLs carry it. */
export interface StatusUrlsInput extends StatusCorrelation {
  readonly reference: string;
  readonly originalTransactionId: string;
}

/** Query parameters of the callback URLs. */
const PARAM = {
  reference: 'reference',
  transaction: 'originalTransactionId',
  kind: 'kind',
  token: 'token',
  providerRequestId: 'providerRequestId',
  conversationId: 'conversationId',
  reversalTransactionId: 'reversalTransactionId',
  status: 'status',
} as const;

const STATUS_IDS = ['providerRequestId', 'conversationId', 'reversalTransactionId'] as const;
const STATUSES: readonly unknown[] = ['pending', 'succeeded', 'failed', 'unknown'];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Puts the reference into the callback URLs, so that it comes back with the callback even when
 * the process died before the acknowledgement arrived. Signed mode (with `secret`, the default):
 * one `token` parameter, a JWT carrying the reference, the original transaction, the kind and an
 * expiry. Unsigned mode: query parameters (`reference`, `originalTransactionId`, `kind`), or the
 * `{reference}` placeholder in the path.
 *
 * `originalTransactionId` rides along because Daraja's failure callbacks carry no
 * `ResultParameters`, so nothing else in them names the payment. The URLs of a Transaction Status
 * query also carry the reversal's ids and its status when queried (`status`), so that the answer
 * is read for the reversal, never for the query.
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

  // Unsigned mode, no `{reference}` in the path: each template is parsed once, and a reversal
  // appends its parameters as text (reference and transaction id are letters and digits, checked by
  // the request rules). Two `new URL` + `searchParams.set` per reversal cost ~15 µs, 10–12% of the
  // client's CPU per reversal (bench/README.md).
  const plainPrefix = (template: string): string | undefined => {
    if (template.includes(REFERENCE_PLACEHOLDER)) return undefined;
    const url = new URL(template);
    if (url.hash) return undefined;
    return `${url.href}${url.search ? '&' : url.href.endsWith('?') ? '' : '?'}`;
  };
  const plain = secret ? undefined : { result: plainPrefix(options.resultUrl), timeout: plainPrefix(options.queueTimeoutUrl) };

  const urlFor = async (kind: CallbackKind, reference: string, originalTransactionId: string, status?: StatusCorrelation) => {
    const template = kind === 'result' || kind === 'status-result' ? options.resultUrl : options.queueTimeoutUrl;
    const url = new URL(template.replace(REFERENCE_PLACEHOLDER, reference));
    if (secret) {
      const correlation = { reference, originalTransactionId, kind, ...(status ? { status } : {}) };
      const token = await signCallbackToken(correlation, await hmacKey(secret), options.ttlSeconds);
      url.searchParams.set(PARAM.token, token);
      return { url: url.toString(), token };
    }
    if (!template.includes(REFERENCE_PLACEHOLDER)) url.searchParams.set(PARAM.reference, reference);
    url.searchParams.set(PARAM.transaction, originalTransactionId);
    if (kind !== 'result') url.searchParams.set(PARAM.kind, kind);
    if (status) {
      for (const name of STATUS_IDS) if (status[name]) url.searchParams.set(PARAM[name], status[name]);
      url.searchParams.set(PARAM.status, status.prior);
    }
    return { url: url.toString() };
  };
  const pair = (result: { url: string; token?: string }, timeout: { url: string; token?: string }) => ({
    ResultURL: result.url,
    QueueTimeOutURL: timeout.url,
    tokens: [result.token, timeout.token].filter((token): token is string => token !== undefined),
  });

  return {
    async urls(reference, originalTransactionId) {
      if (plain?.result !== undefined && plain.timeout !== undefined) {
        const query = `${PARAM.reference}=${reference}&${PARAM.transaction}=${originalTransactionId}`;
        return { ResultURL: plain.result + query, QueueTimeOutURL: `${plain.timeout}${query}&${PARAM.kind}=queue-timeout`, tokens: [] };
      }
      const [result, timeout] = await Promise.all([
        urlFor('result', reference, originalTransactionId),
        urlFor('queue-timeout', reference, originalTransactionId),
      ]);
      return pair(result, timeout);
    },
    async statusUrls({ reference, originalTransactionId, ...status }) {
      const [result, timeout] = await Promise.all([
        urlFor('status-result', reference, originalTransactionId, status),
        urlFor('status-queue-timeout', reference, originalTransactionId, status),
      ]);
      return pair(result, timeout);
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
      const named = url.searchParams.get(PARAM.kind);
      const kind: CallbackKind = named === 'queue-timeout' || named === 'status-result' || named === 'status-queue-timeout' ? named : 'result';
      const correlation: CallbackCorrelation = { reference, kind, ...(originalTransactionId ? { originalTransactionId } : {}) };
      if (correlation.kind !== 'status-result' && correlation.kind !== 'status-queue-timeout') return correlation;
      const prior = url.searchParams.get(PARAM.status);
      const status: Record<string, string> = { prior: STATUSES.includes(prior) ? (prior as string) : 'unknown' };
      for (const name of STATUS_IDS) {
        const value = url.searchParams.get(PARAM[name]);
        if (value) status[name] = value;
      }
      return { ...correlation, status: status as unknown as StatusCorrelation };
    },
  };
}
