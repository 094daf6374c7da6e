import type { EntryState } from './entry-state.js';
import type { LedgerResolution } from './ledger-entry.js';

/**
 * What retention keeps of a pruned entry, so that the ledger never forgets a payment: a reused
 * reference is refused with what happened to it, and a payment reversed long ago still blocks a
 * second reversal under a new reference. A few columns per entry, kept for `tombstoneRetentionMs`.
 */
export interface LedgerTombstone {
  /** The provider id. */
  readonly provider: string;
  /** The caller's reference of the pruned entry. */
  readonly reference: string;
  /** The payment the entry reversed (or tried to). */
  readonly transactionId: string;
  /** The canonical amount, absent for a full reversal. */
  readonly amount?: string;
  /** The entry's state when it was pruned (`succeeded`, `failed`, `retryable` or `resolved`). */
  readonly state: EntryState;
  /** For a `resolved` entry: what the person established. */
  readonly resolutionOutcome?: LedgerResolution['outcome'];
  /** When the entry was recorded. */
  readonly createdAt: Date;
  /** When the entry last changed. */
  readonly updatedAt: Date;
  /** When retention deleted the entry. */
  readonly prunedAt: Date;
}
