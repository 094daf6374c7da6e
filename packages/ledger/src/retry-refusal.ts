import { LedgerError } from './ledger-error.js';
import { DID_NOTHING_STATES } from './model/attempt-state.js';
import type { LedgerEntryRecord } from './model/ledger-entry.js';

/**
 * Throws `ERR_LEDGER_NOT_RETRYABLE`, saying why and what to do, unless every attempt of the entry
 * provably did nothing (never sent, or refused) and no person settled it.
 */
export function assertRetryable(entry: LedgerEntryRecord): void {
  const why = whyNotRetryable(entry);
  if (why === undefined) return;
  throw new LedgerError('ERR_LEDGER_NOT_RETRYABLE', `Reference "${entry.reference}" cannot be retried: ${why}`, {
    reference: entry.reference,
  });
}

function whyNotRetryable(entry: LedgerEntryRecord): string | undefined {
  if (entry.resolution) {
    return `a person resolved it as ${entry.resolution.outcome}. Reverse under a new reference if another reversal is really needed.`;
  }
  const blocking = entry.attempts.find((attempt) => !DID_NOTHING_STATES.has(attempt.state));
  if (!blocking) return undefined;
  const attempt = `attempt ${blocking.number} (${blocking.providerReference})`;
  switch (blocking.state) {
    case 'succeeded':
      return `${attempt} reversed the payment. There is nothing left to do.`;
    case 'sending':
      return (
        `${attempt} is being sent, or its sender stopped before the answer: it may have reached the provider. ` +
        'Check its status (reconcile) before anything else; a new attempt could reverse the payment twice.'
      );
    case 'pending':
      return `${attempt} was accepted by the provider and its outcome is awaited. Wait for the callback or check its status.`;
    case 'needs-attention':
      return `${attempt} may have reversed the payment and no status check can tell. A person must resolve it.`;
    default:
      return `${attempt} may have reversed the payment (${blocking.state}). Check its status first; a new attempt could reverse the payment twice.`;
  }
}
