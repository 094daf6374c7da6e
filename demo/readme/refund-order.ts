import type { ReversalProvider, ReversalResult } from '@reversal/core';

/** Your application code: written against ReversalProvider, it runs on any country's adapter. */
export async function refundOrder(
  provider: ReversalProvider,
  order: { receipt: string; total: string; id: string },
): Promise<ReversalResult> {
  const result = await provider.reverse({
    transactionId: order.receipt,
    amount: order.total,
    reference: order.id,
    reason: 'Order cancelled',
  });
  if (result.status === 'unknown' && provider.checkStatus) {
    // It may have been processed, or an earlier request with this reference may have reversed the
    // payment (DUPLICATE_REQUEST): ask the provider, never send it again blindly.
    return provider.checkStatus(result);
  }
  return result;
}
