import type { DarajaResultCode } from './daraja-scenario.js';

/** The ids of one accepted request, echoed by every callback about it. */
export interface ConversationIds {
  readonly originatorConversationId: string;
  readonly conversationId: string;
}

// The Reversal page shows this internal address, not the caller's, in every example callback.
const REFERENCE_DATA = {
  ReferenceItem: {
    Key: 'QueueTimeoutURL',
    Value: 'https://internalsandbox.safaricom.co.ke/mpesa/reversalresults/v1/submit',
  },
};

/** `YYYYMMDDhhmmss` in Kenyan time (EAT, UTC+3, no daylight saving), as a number like Daraja sends. */
export function toDarajaTime(date: Date): number {
  const eat = new Date(date.getTime() + 3 * 60 * 60 * 1000);
  const text = eat.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return Number(text);
}

/** The success callback of the Reversal page: `ResultCode` the number 0, details in `ResultParameters`. */
export function successCallback(
  ids: ConversationIds,
  details: {
    readonly reversalTransactionId: string;
    readonly originalTransactionId: string;
    readonly amount: string;
    readonly completedAt: Date;
    readonly utilityBalance: string;
    readonly customer: string;
    readonly merchant: string;
  },
): unknown {
  const parameters: Array<{ Key: string; Value: string | number }> = [
    { Key: 'DebitAccountBalance', Value: `Utility Account|KES|${details.utilityBalance}|${details.utilityBalance}|0.00|0.00` },
    // Daraja sends amounts as JSON numbers (1.00); the client must not do float arithmetic with them.
    { Key: 'Amount', Value: Number(details.amount) },
    { Key: 'TransCompletedTime', Value: toDarajaTime(details.completedAt) },
    { Key: 'OriginalTransactionID', Value: details.originalTransactionId },
    { Key: 'Charge', Value: 0 },
    { Key: 'CreditPartyPublicName', Value: details.customer },
    { Key: 'DebitPartyPublicName', Value: details.merchant },
  ];
  return {
    Result: {
      ResultType: 0,
      ResultCode: 0,
      ResultDesc: 'The service request is processed successfully.',
      OriginatorConversationID: ids.originatorConversationId,
      ConversationID: ids.conversationId,
      TransactionID: details.reversalTransactionId,
      ResultParameters: { ResultParameter: parameters },
      ReferenceData: REFERENCE_DATA,
    },
  };
}

/** The failure callback of the Reversal page: no `ResultParameters`, the code as Daraja types it. */
export function failureCallback(ids: ConversationIds, transactionId: string, code: DarajaResultCode): unknown {
  return {
    Result: {
      ResultType: 0,
      ResultCode: code.resultCode,
      ResultDesc: code.resultDesc,
      OriginatorConversationID: ids.originatorConversationId,
      ConversationID: ids.conversationId,
      TransactionID: transactionId,
      ReferenceData: REFERENCE_DATA,
    },
  };
}

/**
 * The queue-timeout callback. Its shape is undocumented; this follows the only example found
 * (mpesakit's, SDK-authored: docs/providers/safaricom-ke.md). Note its `ResultCode` "1" collides with "insufficient
 * balance": a client must tell the two apart by the URL, not the body.
 */
export function queueTimeoutCallback(ids: ConversationIds): unknown {
  return {
    Result: {
      ResultType: 1,
      ResultCode: '1',
      ResultDesc: 'The service request timed out.',
      OriginatorConversationID: ids.originatorConversationId,
      ConversationID: ids.conversationId,
    },
  };
}
