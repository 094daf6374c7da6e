import type { DarajaResultCode } from './daraja-scenario.js';

/**
 * What M-Pesa holds about one accepted reversal request, as a Transaction Status query shows it.
 * `Completed` when applied, `Declined` when refused, `Expired` when it timed out in the queue
 * without being applied (the last two are the simulator's assumptions: no public example exists).
 */
export interface ReversalRecord {
  /** The `OriginatorConversationID` of the reversal's acknowledgement. */
  readonly originatorConversationId: string;
  /** The `ConversationID` of the reversal's acknowledgement. */
  readonly conversationId: string;
  /** The receipt of the payment it was to reverse. */
  readonly originalTransactionId: string;
  /** The amount requested, two-decimal string. */
  readonly amount: string;
  /** The state a status query reports. */
  readonly state: 'Completed' | 'Declined' | 'Expired';
  /** The reversal's own receipt, when applied. */
  readonly receipt?: string;
  /** Why it was refused, when `Declined`. */
  readonly refusal?: DarajaResultCode;
  /** When it was accepted (and, in the simulator, finished). */
  readonly at: Date;
  /** The customer credited, as `CreditPartyName`. */
  readonly customer: string;
}

/** The simulator's reversal requests, found by originator conversation id or by receipt; bounded. */
export interface ReversalRecords {
  add(record: ReversalRecord): void;
  byOriginatorConversationId(id: string): ReversalRecord | undefined;
  byReceipt(receipt: string): ReversalRecord | undefined;
}

/** Creates an empty store that keeps the last `maxRecords` reversal requests. */
export function createReversalRecords(maxRecords: number): ReversalRecords {
  const byOriginator = new Map<string, ReversalRecord>();
  const byReceipt = new Map<string, ReversalRecord>();
  return {
    add(record) {
      byOriginator.set(record.originatorConversationId, record);
      if (record.receipt !== undefined) byReceipt.set(record.receipt, record);
      while (byOriginator.size > maxRecords) {
        const oldest = byOriginator.values().next().value as ReversalRecord;
        byOriginator.delete(oldest.originatorConversationId);
        if (oldest.receipt !== undefined) byReceipt.delete(oldest.receipt);
      }
    },
    byOriginatorConversationId: (id) => byOriginator.get(id),
    byReceipt: (receipt) => byReceipt.get(receipt),
  };
}
