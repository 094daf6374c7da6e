import { LedgerError } from './ledger-error.js';
import type { LedgerEntryRecord } from './model/ledger-entry.js';
import type { LedgerTombstone } from './model/ledger-tombstone.js';

const MEANING: Readonly<Record<string, string>> = {
  sending: 'its request may have reached the provider',
  pending: 'the provider accepted it and its outcome is awaited',
  unknown: 'it may have reversed the payment',
  'needs-attention': 'it may have reversed the payment and a person must settle it',
  succeeded: 'it reversed the payment',
  'double-reversed': 'it reversed the payment twice',
  resolved: 'a person established that it reversed the payment',
};

/**
 * `ERR_LEDGER_PAYMENT_IN_USE`: the payment already has an entry (or a pruned one) that is or may be
 * reversed, under another reference. The error's `reference` and `state` are that entry's.
 */
export function paymentInUse(reference: string, transactionId: string, other: LedgerEntryRecord | LedgerTombstone): LedgerError {
  const pruned = 'prunedAt' in other ? ` (its entry was pruned on ${other.prunedAt.toISOString().slice(0, 10)})` : '';
  return new LedgerError(
    'ERR_LEDGER_PAYMENT_IN_USE',
    `Payment ${transactionId} already has a reversal under reference "${other.reference}", which is ${other.state}: ` +
      `${MEANING[other.state] ?? 'it may have reversed the payment'}${pruned}. Nothing was recorded or sent for "${reference}". ` +
      `Look at "${other.reference}" first (get it, or check its status); for a further partial reversal of this payment, ` +
      'send again with additional: true.',
    { reference: other.reference, state: other.state },
  );
}

/** `ERR_LEDGER_PRUNED`: the reference was used before; retention deleted its entry and kept what happened. */
export function referencePruned(tombstone: LedgerTombstone): LedgerError {
  const resolved = tombstone.resolutionOutcome ? ` as ${tombstone.resolutionOutcome}` : '';
  return new LedgerError(
    'ERR_LEDGER_PRUNED',
    `Reference "${tombstone.reference}" was used on ${tombstone.createdAt.toISOString().slice(0, 10)} to reverse payment ` +
      `${tombstone.transactionId}${tombstone.amount ? ` (${tombstone.amount})` : ''}, which ended ${tombstone.state}${resolved}; ` +
      'its entry was pruned for retention. Nothing was sent. A reference names one reversal: use a new reference for a new one.',
    { reference: tombstone.reference, state: tombstone.state },
  );
}
