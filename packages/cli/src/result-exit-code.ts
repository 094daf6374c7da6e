import type { ReversalResult } from '@reversal/core';
import { EXIT_CODES, type ExitCodeName } from './exit-codes.js';
import { type ResultOutcome, resultOutcome } from './result-outcome.js';

/** The exit code of each outcome: a duplicate is as much in doubt as an unknown outcome. */
export const OUTCOME_EXIT_CODES: Readonly<Record<ResultOutcome, ExitCodeName>> = Object.freeze({
  succeeded: 'ok',
  failed: 'failed',
  unknown: 'unknown',
  pending: 'pending',
  'already-reversed': 'alreadyReversed',
  duplicate: 'unknown',
});

/**
 * The exit code for a result (see {@link EXIT_CODES}): 0 succeeded, 1 refused (not reversed),
 * 4 unknown or duplicate, 5 pending, 6 already reversed. Exit 1 is never given to a payment that
 * is or may be reversed.
 */
export function resultExitCode(result: ReversalResult): number {
  return EXIT_CODES[OUTCOME_EXIT_CODES[resultOutcome(result)]];
}
