import { ReversalCallbackError, type ResultError, type StatusQuery, toMoney } from '@reversal/core';
import { type CallbackAnswer, lookupCode, truncateText } from '@reversal/core/kit';
import * as v from 'valibot';
import { callbackBodySchema, queueTimeoutBodySchema } from './callback-body.js';
import type { CallbackCorrelation } from './callback-token.js';
import {
  DARAJA_STATUS_RESULT_CODES,
  DARAJA_TRANSACTION_STATES,
  UNKNOWN_STATUS_RESULT_CODE,
  UNKNOWN_TRANSACTION_STATE,
} from './codes/status-codes.js';
import { parseDarajaTime } from './daraja-time.js';
import type { SafaricomKeMetadata, StatusQueryMetadata } from './metadata.js';
import { keepStatus, statusQueryTarget } from './status.js';

const malformed = (why: string) =>
  new ReversalCallbackError('ERR_CALLBACK', `Callback rejected: ${why}. Answer 400; this is not a Daraja Transaction Status result.`);

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== ''
    ? truncateText(value.trim(), 500)
    : typeof value === 'number'
      ? String(value)
      : undefined;

/**
 * The parameters of a status result as `Key → Value`, keys without spaces: the 2017 documentation
 * spells `Originator Conversation ID` where the current one has `OriginatorConversationID`. The
 * first occurrence wins (the current example lists `DebitPartyName` twice).
 */
function statusParameters(list: unknown): ReadonlyMap<string, unknown> {
  const items = Array.isArray(list) ? list : list === undefined || list === null ? [] : [list];
  const map = new Map<string, unknown>();
  for (const item of items as Array<{ Key: string; Value?: unknown }>) {
    const key = item.Key.replace(/\s+/g, '');
    if (!map.has(key)) map.set(key, item.Value);
  }
  return map;
}

/**
 * Reads a Transaction Status result that came back on a status callback URL, for the reversal the
 * URL's token names. Only a result that identifies THAT reversal — its `OriginatorConversationID`
 * or its receipt — settles it (`Completed` → `succeeded`; `Cancelled`, `Declined`, `Expired` →
 * `failed`); a failed query, a non-final state or a result about the payment leave the reversal
 * where it was. A result naming another request is refused, like a forged callback.
 */
export function readStatusResult(value: unknown, correlation: CallbackCorrelation): CallbackAnswer<SafaricomKeMetadata> {
  const { query, identity } = queriedReversal(correlation);
  const parsed = v.safeParse(callbackBodySchema, value);
  if (!parsed.success) throw malformed('the body has no Result object with a ResultCode');
  const result = parsed.output.Result;
  const by = statusQueryTarget(query).by;
  const description = text(result.ResultDesc);
  const base = { callback: 'status-result' as const, ...(description ? { providerDescription: description } : {}) };

  const resultCode = String(result.ResultCode).trim();
  if (!/^0+$/.test(resultCode)) {
    const { mapping, providerCode } = lookupCode(DARAJA_STATUS_RESULT_CODES, result.ResultCode, UNKNOWN_STATUS_RESULT_CODE);
    const message = `The Transaction Status query failed (ResultCode ${providerCode}${description ? `: "${description}"` : ''}): ${mapping.description} The reversal keeps its status.`;
    const problem: ResultError = { code: mapping.code ?? 'PROCESSING_ERROR', providerCode, message, retryable: false };
    return { ...identity, ...keepStatus(query, { sent: true, by, providerCode, message }, value, problem, base) };
  }

  const parameters = statusParameters(result.ResultParameters?.ResultParameter);
  const receipt = text(parameters.get('ReceiptNo'));
  const requestId = text(parameters.get('OriginatorConversationID'));
  const state = text(parameters.get('TransactionStatus'));
  const names = (expected: string | undefined, found: string | undefined) => expected !== undefined && found !== undefined && expected === found;
  const identifies = names(query.providerRequestId, requestId) || names(query.reversalTransactionId, receipt);
  const otherRequest = query.providerRequestId !== undefined && requestId !== undefined && requestId !== query.providerRequestId;
  const otherReceipt =
    query.reversalTransactionId !== undefined && receipt !== undefined && receipt !== query.reversalTransactionId && receipt !== query.originalTransactionId;
  if (!identifies && (otherRequest || otherReceipt)) {
    throw malformed('it describes another request than the reversal its callback URL was issued for');
  }
  const metadata = { ...base, ...(state ? { transactionStatus: state } : {}) };
  if (!identifies) {
    const message =
      receipt === query.originalTransactionId
        ? `The status result describes the payment ${query.originalTransactionId} (${state ?? 'no state'}), not its reversal: it cannot say whether the payment was reversed. The reversal keeps its status; query by the reversal's id, or check it on the M-Pesa portal.`
        : "The status result does not identify the reversal (neither its OriginatorConversationID nor its receipt): the reversal keeps its status.";
    const problem: ResultError = { code: 'PROCESSING_ERROR', providerCode: `TransactionStatus:${state ?? ''}`, message, retryable: false };
    return { ...identity, ...keepStatus(query, { sent: true, by, providerCode: problem.providerCode, message }, value, problem, metadata) };
  }

  const { mapping, providerCode } = lookupCode(DARAJA_TRANSACTION_STATES, state, UNKNOWN_TRANSACTION_STATE);
  const settled = {
    ...identity,
    reversalTransactionId: receipt ?? query.reversalTransactionId,
    amount: toMoney(parameters.get('Amount'), 'KES'),
    completedAt: parseDarajaTime(parameters.get('FinalisedTime')),
    raw: value,
  };
  const statusQuery: StatusQueryMetadata = { sent: true, by, providerCode, message: mapping.description };
  if (mapping.status === 'succeeded') return { ...settled, status: 'succeeded', metadata: { ...metadata, statusQuery } };
  const message = `Daraja Transaction Status reports the reversal ${providerCode}: ${mapping.description}`;
  const error: ResultError = { code: mapping.code ?? 'PROCESSING_ERROR', providerCode, message, retryable: false };
  if (mapping.status === 'failed') return { ...settled, reversalTransactionId: query.reversalTransactionId, status: 'failed', error, metadata: { ...metadata, statusQuery } };
  return { ...identity, ...keepStatus(query, { ...statusQuery, message }, value, error, metadata) };
}

/** The timeout notice of a status query: no evidence; query again later. */
export function readStatusTimeout(value: unknown, correlation: CallbackCorrelation): CallbackAnswer<SafaricomKeMetadata> {
  const { query, identity } = queriedReversal(correlation);
  if (!v.safeParse(queueTimeoutBodySchema, value).success) throw malformed('the queue-timeout body is not a JSON object');
  const message = "The Transaction Status query timed out in Daraja's queue: the reversal keeps its status; query again later.";
  const problem: ResultError = { code: 'TIMEOUT', providerCode: 'STATUS_QUEUE_TIMEOUT', message, retryable: false };
  const statusQuery: StatusQueryMetadata = { sent: true, by: statusQueryTarget(query).by, providerCode: 'STATUS_QUEUE_TIMEOUT', message };
  return { ...identity, ...keepStatus(query, statusQuery, value, problem, { callback: 'status-queue-timeout' }) };
}

/** The reversal a status callback URL was issued for, as a status query and as the answer's identity. */
function queriedReversal(correlation: CallbackCorrelation) {
  const status = correlation.status;
  if (!status || !correlation.originalTransactionId) throw malformed('its URL does not name the reversal it was issued for');
  const query: StatusQuery = {
    reference: correlation.reference,
    originalTransactionId: correlation.originalTransactionId,
    status: status.prior,
    ...(status.providerRequestId ? { providerRequestId: status.providerRequestId } : {}),
    ...(status.conversationId ? { conversationId: status.conversationId } : {}),
    ...(status.reversalTransactionId ? { reversalTransactionId: status.reversalTransactionId } : {}),
  };
  const identity = {
    reference: correlation.reference,
    originalTransactionId: correlation.originalTransactionId,
    conversationId: status.conversationId,
    providerRequestId: status.providerRequestId,
    reversalTransactionId: status.reversalTransactionId,
    source: 'status' as const,
  };
  return { query, identity };
}
