import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCallbackCorrelator } from './callback-urls.js';

/** The URL a reversal's callback goes to, built the slow and obvious way. */
function expected(template: string, params: Record<string, string>): string {
  const url = new URL(template);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

describe('unsigned callback URLs built as text', () => {
  const templates = fc.constantFrom(
    'https://shop.example/mpesa/result',
    'https://shop.example/mpesa/result?tenant=7',
    'https://shop.example:8443/a/b/',
    'http://127.0.0.1:3000/r?',
  );
  const reference = fc.stringMatching(/^[A-Za-z0-9]{1,20}$/);
  const receipt = fc.stringMatching(/^[A-Z0-9]{8,12}$/);

  it('equal what URL and searchParams give, and read back to the same correlation', async () => {
    await fc.assert(
      fc.asyncProperty(templates, templates, reference, receipt, async (resultUrl, queueTimeoutUrl, ref, transactionId) => {
        const correlator = createCallbackCorrelator({ resultUrl, queueTimeoutUrl, ttlSeconds: 60 });
        const urls = await correlator.urls(ref, transactionId);
        expect(urls.ResultURL).toBe(expected(resultUrl, { reference: ref, originalTransactionId: transactionId }));
        expect(urls.QueueTimeOutURL).toBe(
          expected(queueTimeoutUrl, { reference: ref, originalTransactionId: transactionId, kind: 'queue-timeout' }),
        );
        expect(await correlator.read(urls.ResultURL)).toMatchObject({ reference: ref, originalTransactionId: transactionId, kind: 'result' });
        expect(await correlator.read(urls.QueueTimeOutURL)).toMatchObject({ reference: ref, kind: 'queue-timeout' });
      }),
    );
  });
});
