import type { StatusQuery } from '@reversal/core';
import type { LedgerAttempt, LedgerEntryRecord } from './ledger-entry.js';

/**
 * The status query that asks the provider about one attempt, by the ids recorded for it. An
 * acknowledged attempt says so (`status: 'pending'`): a provider whose status answers come by
 * callback resolves the query with it unchanged, so the attempt stays `pending` until the answer
 * arrives rather than turning `unknown`.
 */
export function attemptStatusQuery(entry: Pick<LedgerEntryRecord, 'request'>, attempt: LedgerAttempt): StatusQuery {
  return {
    reference: attempt.providerReference,
    originalTransactionId: entry.request.transactionId,
    ...(attempt.conversationId === undefined ? {} : { conversationId: attempt.conversationId }),
    ...(attempt.providerRequestId === undefined ? {} : { providerRequestId: attempt.providerRequestId }),
    ...(attempt.result?.reversalTransactionId === undefined ? {} : { reversalTransactionId: attempt.result.reversalTransactionId }),
    ...(attempt.state === 'pending' ? { status: 'pending' as const } : {}),
  };
}
