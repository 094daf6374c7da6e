import type { ReversalResult } from '@reversal/core';

/**
 * True when the provider refused a status query itself (`metadata.statusQuery.sent === false`): no
 * answer will come by callback, so there is nothing to wait for.
 */
export function statusQueryRefused(result: Pick<ReversalResult, 'metadata'>): boolean {
  const statusQuery = (result.metadata as { statusQuery?: { sent?: unknown } } | undefined)?.statusQuery;
  return statusQuery?.sent === false;
}
