import type { LedgerEntryRecord } from '../model/ledger-entry.js';
import type { LedgerTombstone } from '../model/ledger-tombstone.js';

/** The tombstone retention leaves of a pruned entry. */
export function toTombstone(entry: LedgerEntryRecord, prunedAt: Date): LedgerTombstone {
  return {
    provider: entry.provider,
    reference: entry.reference,
    transactionId: entry.request.transactionId,
    ...(entry.request.amount === undefined ? {} : { amount: entry.request.amount }),
    state: entry.state,
    ...(entry.resolution ? { resolutionOutcome: entry.resolution.outcome } : {}),
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
    prunedAt,
  };
}
