import type { LedgerEntry } from '@reversal/ledger';

/** The ids the provider knows an entry's attempts by, in attempt order, space-separated. */
function attemptIds(entry: LedgerEntry, pick: (attempt: LedgerEntry['attempts'][number]) => string | undefined): string {
  return entry.attempts
    .map(pick)
    .filter((id): id is string => id !== undefined && id !== '')
    .join(' ');
}

/**
 * The columns of `reversal entries --csv`, as data: one row per entry, mapping your reference to
 * what the provider knows it by (the reference each attempt was sent as, conversation and request
 * ids, the receipt of the reversal) and to where it stands.
 */
export const ENTRY_COLUMNS: readonly { readonly name: string; readonly value: (entry: LedgerEntry) => string | number | undefined }[] = [
  { name: 'reference', value: (entry) => entry.reference },
  { name: 'provider', value: (entry) => entry.provider },
  { name: 'state', value: (entry) => entry.state },
  { name: 'transaction_id', value: (entry) => entry.request.transactionId },
  { name: 'amount', value: (entry) => entry.request.amount ?? 'full' },
  { name: 'attempts', value: (entry) => entry.attempts.length },
  { name: 'provider_references', value: (entry) => attemptIds(entry, (attempt) => attempt.providerReference) },
  { name: 'conversation_ids', value: (entry) => attemptIds(entry, (attempt) => attempt.conversationId) },
  { name: 'provider_request_ids', value: (entry) => attemptIds(entry, (attempt) => attempt.providerRequestId) },
  { name: 'reversal_transaction_id', value: (entry) => entry.result?.reversalTransactionId },
  { name: 'created_at', value: (entry) => entry.createdAt.toISOString() },
  { name: 'updated_at', value: (entry) => entry.updatedAt.toISOString() },
  { name: 'resolution', value: (entry) => entry.resolution?.outcome },
  { name: 'resolution_note', value: (entry) => entry.resolution?.note },
  { name: 'resolved_by', value: (entry) => entry.resolution?.by },
  { name: 'resolved_at', value: (entry) => entry.resolution?.at.toISOString() },
];
