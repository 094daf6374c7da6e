import type { StatusQuery } from '@reversal/core';

/** The identifiers `reversal status` takes, in the order its command line prints them. */
export const STATUS_QUERY_FIELDS = ['originalTransactionId', 'reference', 'providerRequestId', 'conversationId', 'reversalTransactionId'] as const;

/**
 * The ids a refusal's result carries that name the refused request, not the reversal that may have
 * happened: a status query by them would stay `unknown` for a reversed payment. After a duplicate,
 * the provider's conversation id is the refused duplicate's (the request id is the shared one that
 * made it a duplicate); after "already reversed", both are this request's, not the earlier reversal's.
 */
const REFUSED_REQUEST_IDS: Readonly<Record<string, readonly (keyof StatusQuery)[]>> = Object.freeze({
  DUPLICATE_REQUEST: ['conversationId', 'reversalTransactionId'],
  ALREADY_REVERSED: ['providerRequestId', 'conversationId', 'reversalTransactionId'],
});

/**
 * The identifiers that look up the reversal a result (or its `--json` form) is about: its
 * transaction id, reference and provider ids, leaving out the ids of a refused request.
 */
export function statusQueryOf(result: object): Partial<Record<keyof StatusQuery, string>> {
  const fields = result as Readonly<Record<string, unknown>>;
  const error = fields.error as { readonly code?: unknown } | null | undefined;
  const code = typeof error === 'object' && error !== null ? error.code : undefined;
  const skipped = (typeof code === 'string' && Object.hasOwn(REFUSED_REQUEST_IDS, code) && REFUSED_REQUEST_IDS[code]) || [];
  const query: Partial<Record<keyof StatusQuery, string>> = {};
  for (const field of STATUS_QUERY_FIELDS) {
    const value = fields[field];
    if (typeof value === 'string' && value !== '' && !skipped.includes(field)) query[field] = value;
  }
  return query;
}
