import type { ReversalResult, ResultErrorCode } from '@reversal/core';
import { DID_NOTHING_STATES } from './attempt-state.js';
import { deriveEntryState } from './entry-state.js';
import type { LedgerAttempt, LedgerEntryRecord } from './ledger-entry.js';

/**
 * The entry's outcome as one result, never weaker than the entry: what `LedgerEntry.result`,
 * `onOutcome` and a callback handler's `onResult` see.
 *
 * - A succeeded attempt's result, whenever there is one (a later refusal never hides it).
 * - In doubt (`sending`, `pending`, `unknown`, `needs-attention`): the answer of the latest attempt
 *   that may have moved money; a refusal there (an "already reversed" followed by a "declined") is
 *   read as `unknown`, carrying the strongest evidence (`ALREADY_REVERSED`, else `DUPLICATE_REQUEST`).
 * - `resolved`: what the person established (`succeeded` or `failed`), with their note.
 * - `failed` / `retryable`: the latest attempt's answer.
 */
export function entryResult(entry: LedgerEntryRecord): ReversalResult | undefined {
  const succeeded = entry.attempts.find((attempt) => attempt.state === 'succeeded')?.result;
  if (succeeded) return succeeded;
  const state = deriveEntryState(entry);
  const latest = entry.attempts.at(-1)?.result;
  if (state === 'resolved' && entry.resolution) return resolvedResult(entry, latest);
  if (state === 'failed' || state === 'retryable') return latest;
  const doubtful = [...entry.attempts].reverse().find((attempt) => !DID_NOTHING_STATES.has(attempt.state));
  const result = doubtful?.result ?? latest;
  if (!result || result.status !== 'failed') return result;
  const code = strongestDoubt(entry.attempts) ?? result.error.code;
  return {
    ...result,
    status: 'unknown',
    error: { ...result.error, code, retryable: false, message: `The payment may be reversed (${state}): ${result.error.message}` },
  };
}

function strongestDoubt(attempts: readonly LedgerAttempt[]): ResultErrorCode | undefined {
  const codes = new Set(attempts.flatMap((attempt) => attempt.answers.map((answer) => answer.code)));
  if (codes.has('ALREADY_REVERSED') || attempts.some((attempt) => attempt.state === 'already-reversed')) return 'ALREADY_REVERSED';
  if (codes.has('DUPLICATE_REQUEST') || attempts.some((attempt) => attempt.state === 'duplicate')) return 'DUPLICATE_REQUEST';
  return undefined;
}

function resolvedResult(entry: LedgerEntryRecord, latest: ReversalResult | undefined): ReversalResult {
  const resolution = entry.resolution!;
  const base = {
    provider: entry.provider,
    reference: latest?.reference ?? entry.attempts.at(-1)?.providerReference ?? entry.reference,
    originalTransactionId: entry.request.transactionId,
    ...(latest?.amount ? { amount: latest.amount } : {}),
    ...(latest?.providerRequestId ? { providerRequestId: latest.providerRequestId } : {}),
    ...(latest?.conversationId ? { conversationId: latest.conversationId } : {}),
    metadata: { resolution: { outcome: resolution.outcome, note: resolution.note, ...(resolution.by ? { by: resolution.by } : {}) } },
    raw: latest?.raw ?? null,
  };
  if (resolution.outcome === 'reversed') return { ...base, status: 'succeeded' };
  return {
    ...base,
    status: 'failed',
    error: {
      code: 'PROCESSING_ERROR',
      providerCode: 'RESOLVED',
      message: `A person established that the payment was not reversed: ${resolution.note}`,
      retryable: false,
    },
  };
}
