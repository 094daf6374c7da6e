import { ReversalValidationError } from '@reversal/core';
import { callbacks, provider } from '../../lib/reversals.js';

/** POST /refunds `{ transactionId, amount }` — reverses a payment and answers its outcome, when known in time. */
export async function POST(request: Request): Promise<Response> {
  const { transactionId, amount } = (await request.json().catch(() => ({}))) as { transactionId?: string; amount?: string };
  try {
    const result = await provider.reverse({ transactionId: transactionId ?? '', amount });
    // One code path for both countries: a final result (Mozambique) reaches onResult now; a pending
    // one (Kenya) is recorded, and its callback reaches onResult through the result route.
    await callbacks.deliver(result);
    const settled = result.status === 'pending' ? await callbacks.waitForResult(result.reference, { timeoutMs: 25_000 }) : result;
    return Response.json({ reference: result.reference, status: (settled ?? result).status });
  } catch (error) {
    if (ReversalValidationError.isInstance(error)) return Response.json({ error: error.message }, { status: 400 });
    throw error;
  }
}
