import type { DarajaResultCode } from './daraja-scenario.js';
import type { DarajaTransaction } from './ledger.js';
import { type ConversationIds, toDarajaTime } from './result-callbacks.js';
import type { ReversalRecord } from './reversal-records.js';

/** What a Transaction Status query found: one of the simulator's reversals, or a payment. */
export type QueriedTransaction =
  | { readonly kind: 'reversal'; readonly record: ReversalRecord }
  | { readonly kind: 'payment'; readonly transaction: DarajaTransaction };

type Parameter = { Key: string; Value?: string | number };

// `Result.TransactionID` of a status result is a placeholder (`MBN0000000` for receipt `MBN31H462N`).
const placeholder = (receipt: string | undefined) => `${(receipt ?? 'SIM').slice(0, 3)}0000000`;

const referenceData = (occasion: string | undefined) => ({
  ReferenceItem: occasion === undefined ? { Key: 'Occasion' } : { Key: 'Occasion', Value: occasion },
});

/**
 * The result of a query that worked (`ResultCode` 0), with the queried transaction's state in the
 * `TransactionStatus` parameter. Keys, order and value types follow the documentation's example
 * and a 2024 Pay Bill fixture: numeric times and amount, value-less items where there is nothing.
 */
export function statusResultCallback(
  query: ConversationIds,
  occasion: string | undefined,
  found: QueriedTransaction,
  merchant: string,
): unknown {
  const parameters = found.kind === 'reversal' ? reversalParameters(found.record, merchant) : paymentParameters(found.transaction, merchant);
  const receipt = found.kind === 'reversal' ? found.record.receipt : found.transaction.transactionId;
  return {
    Result: {
      ResultType: 0,
      ResultCode: 0,
      ResultDesc: 'The service request is processed successfully.',
      OriginatorConversationID: query.originatorConversationId,
      ConversationID: query.conversationId,
      TransactionID: placeholder(receipt),
      ResultParameters: { ResultParameter: parameters },
      ReferenceData: referenceData(occasion),
    },
  };
}

/** The result of a query that failed (`2001` as captured): no `ResultParameters`. */
export function failedStatusCallback(query: ConversationIds, occasion: string | undefined, code: DarajaResultCode): unknown {
  return {
    Result: {
      ResultType: 0,
      ResultCode: code.resultCode,
      ResultDesc: code.resultDesc,
      OriginatorConversationID: query.originatorConversationId,
      ConversationID: query.conversationId,
      TransactionID: placeholder(undefined),
      ReferenceData: referenceData(occasion),
    },
  };
}

/** The timeout notice, after the only example found (SDK-authored: `ResultCode` the number 1). */
export function statusQueueTimeoutCallback(query: ConversationIds): unknown {
  return {
    Result: {
      ResultType: 1,
      ResultCode: 1,
      ResultDesc: 'The service request timed out.',
      OriginatorConversationID: query.originatorConversationId,
      ConversationID: query.conversationId,
    },
  };
}

/** A result cut off halfway: text that is not JSON, for the `malformed-result` scenario. */
export function malformedStatusCallback(body: unknown): string {
  const text = JSON.stringify(body);
  return text.slice(0, text.length >> 1);
}

// The `ReasonType` of a reversal is not public ("Reversal" is the simulator's assumption), nor are
// `Declined`/`Expired` for a refused or timed-out reversal: see docs/providers/safaricom-ke.md.
function reversalParameters(record: ReversalRecord, merchant: string): Parameter[] {
  const time = toDarajaTime(record.at);
  return [
    { Key: 'DebitPartyName', Value: merchant },
    { Key: 'CreditPartyName', Value: record.customer },
    { Key: 'OriginatorConversationID', Value: record.originatorConversationId },
    { Key: 'InitiatedTime', Value: time },
    { Key: 'DebitAccountType', Value: 'Utility Account' },
    { Key: 'DebitPartyCharges' },
    { Key: 'TransactionReason' },
    { Key: 'ReasonType', Value: 'Reversal' },
    { Key: 'TransactionStatus', Value: record.state },
    { Key: 'FinalisedTime', Value: time },
    { Key: 'Amount', Value: Number(record.amount) },
    { Key: 'ConversationID', Value: record.conversationId },
    record.receipt === undefined ? { Key: 'ReceiptNo' } : { Key: 'ReceiptNo', Value: record.receipt },
  ];
}

// A payment is `Completed` even when reversed: whether Daraja says more is not public, and a client
// must not read a payment's state as its reversal's.
function paymentParameters(transaction: DarajaTransaction, merchant: string): Parameter[] {
  const time = toDarajaTime(transaction.paidAt);
  return [
    { Key: 'DebitPartyName', Value: transaction.customer },
    { Key: 'CreditPartyName', Value: merchant },
    { Key: 'OriginatorConversationID' },
    { Key: 'InitiatedTime', Value: time },
    { Key: 'CreditPartyCharges' },
    { Key: 'DebitAccountType', Value: 'MMF Account For Customer' },
    { Key: 'TransactionReason' },
    { Key: 'ReasonType', Value: 'Pay Bill Online' },
    { Key: 'TransactionStatus', Value: 'Completed' },
    { Key: 'FinalisedTime', Value: time },
    { Key: 'Amount', Value: Number(transaction.amount) },
    { Key: 'ConversationID' },
    { Key: 'ReceiptNo', Value: transaction.transactionId },
  ];
}
