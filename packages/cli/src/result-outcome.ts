import type { ReversalResult } from '@reversal/core';

/**
 * What a result means for the person or script that ran the command. It follows the result's
 * status, except for two answers that refuse *this* request because of an earlier one and so
 * never mean "not reversed", whatever status an adapter gives them:
 *
 * - `already-reversed` — `ALREADY_REVERSED`: the payment was reversed before (Daraja `R000001`).
 * - `duplicate` — `DUPLICATE_REQUEST`: a request with this reference was already received (Vodacom
 *   `INS-10`); the earlier one may have reversed the payment, so only a status check settles it.
 */
export type ResultOutcome = 'succeeded' | 'failed' | 'unknown' | 'pending' | 'already-reversed' | 'duplicate';

/** The {@link ResultOutcome} of a result: keyed on `error.code` first, then on `status`. */
export function resultOutcome(result: ReversalResult): ResultOutcome {
  if (result.status === 'failed' || result.status === 'unknown') {
    if (result.error.code === 'ALREADY_REVERSED') return 'already-reversed';
    if (result.error.code === 'DUPLICATE_REQUEST') return 'duplicate';
  }
  return result.status;
}
