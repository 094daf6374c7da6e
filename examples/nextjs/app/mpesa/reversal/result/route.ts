import { callbacks } from '../../../../lib/reversals.js';

/** POST /mpesa/reversal/result — the provider's resultUrl (Next.js App Router route handler). */
export async function POST(request: Request): Promise<Response> {
  return callbacks.fetch(request);
}
