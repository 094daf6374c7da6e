import type { ReversalResult } from '@reversal/core';

// A stand-in for your database, bounded like one would be by its table.
const refunds = new Map<string, ReversalResult>();

/** `onResult`: records what happened to a refund. A real app updates the order in its database here. */
export async function recordRefund(result: ReversalResult): Promise<void> {
  refunds.delete(result.reference);
  refunds.set(result.reference, result);
  if (refunds.size > 1_000) refunds.delete(refunds.keys().next().value as string);
}

/** What is recorded for a refund, by the reference of its reversal. */
export function findRefund(reference: string): ReversalResult | undefined {
  return refunds.get(reference);
}
