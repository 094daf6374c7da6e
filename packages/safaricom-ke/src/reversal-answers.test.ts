import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import acknowledgement from './__fixtures__/acknowledgement.json' with { type: 'json' };
import invalidToken from './__fixtures__/invalid-token-404.json' with { type: 'json' };
import syncError from './__fixtures__/sync-error-400.002.02.json' with { type: 'json' };
import { createSafaricomKeProvider, type SafaricomKeProvider } from './create-provider.js';
import { DARAJA_PATHS, type ScriptedDaraja, startScriptedDaraja } from './test-helpers/scripted-daraja.js';
import { CANARY } from './test-helpers/simulated-daraja.js';

// Daraja's answers to the reversal call, as documented and as they go wrong, over real HTTP.

let daraja: ScriptedDaraja;
let provider: SafaricomKeProvider;
beforeAll(async () => {
  daraja = await startScriptedDaraja();
  provider = createSafaricomKeProvider({
    baseUrl: daraja.url,
    consumerKey: CANARY.consumerKey,
    consumerSecret: CANARY.consumerSecret,
    initiatorName: 'apiop37',
    securityCredential: 'scripted-security-credential',
    shortCode: '600992',
    resultUrl: 'https://shop.example/mpesa/result',
    callbackSecret: CANARY.callbackSecret,
  });
});
afterAll(async () => {
  await provider.close();
  await daraja.close();
});
afterEach(() => daraja.answer(DARAJA_PATHS.reversal, () => ({ status: 404, body: '{}' })));

const answer = (status: number, body: unknown) =>
  daraja.answer(DARAJA_PATHS.reversal, () => ({ status, body: typeof body === 'string' ? body : JSON.stringify(body) }));
const reverse = () => provider.reverse({ transactionId: 'PDU91HIVIT', amount: 200, reference: 'ORDER77' });

describe('the documented answers', () => {
  it('the acknowledgement is pending, with ConversationID and OriginatorConversationID (providerRequestId)', async () => {
    answer(200, acknowledgement);
    expect(await reverse()).toEqual({
      provider: 'safaricom-ke',
      status: 'pending',
      reference: 'ORDER77',
      originalTransactionId: 'PDU91HIVIT',
      amount: { value: '200.00', currency: 'KES' },
      conversationId: 'AG_20210706_20106e9209f64bebd05b',
      providerRequestId: 'f1e2-4b95-a71d-b30d3cdbb7a7735297',
      metadata: { providerDescription: 'Accept the service request successfully.' },
      raw: acknowledgement,
    });
  });

  it('the 400.002.02 example is failed/INVALID_REQUEST with Daraja’s message', async () => {
    answer(400, syncError);
    expect(await reverse()).toMatchObject({
      status: 'failed',
      error: { code: 'INVALID_REQUEST', providerCode: '400.002.02', message: expect.stringContaining('Invalid TransactionID') },
      metadata: { providerDescription: 'Bad Request - Invalid TransactionID' },
    });
  });

  it('the captured invalid-token answer (HTTP 404, 404.001.03) fetches a new token and sends once more', async () => {
    const { _source, ...body } = invalidToken;
    let calls = 0;
    daraja.answer(DARAJA_PATHS.reversal, () => (++calls === 1 ? { status: 404, body: JSON.stringify(body) } : { status: 200, body: JSON.stringify(acknowledgement) }));
    const tokensBefore = daraja.requests.filter((request) => request.url.startsWith(DARAJA_PATHS.oauth)).length;
    expect(await reverse()).toMatchObject({ status: 'pending' });
    expect(calls).toBe(2);
    expect(daraja.requests.filter((request) => request.url.startsWith(DARAJA_PATHS.oauth)).length).toBe(tokensBefore + 1);
  });

  it('an undocumented errorCode is unknown, not failed: the request may have been queued', async () => {
    answer(500, { requestId: '1', errorCode: '500.002.99', errorMessage: 'New' });
    expect(await reverse()).toMatchObject({ status: 'unknown', error: { code: 'PROCESSING_ERROR', providerCode: '500.002.99', retryable: false } });
  });

  it('an answer that is neither an acknowledgement nor an error is unknown', async () => {
    answer(502, { message: 'Bad gateway' });
    expect(await reverse()).toMatchObject({ status: 'unknown', error: { providerCode: 'HTTP_502' } });
  });

  it('a non-zero ResponseCode was not accepted: failed', async () => {
    answer(200, { ResponseCode: '1', ResponseDescription: 'Rejected' });
    expect(await reverse()).toMatchObject({ status: 'failed', error: { code: 'PROCESSING_ERROR', providerCode: '1' } });
  });
});

describe('a numerically zero ResponseCode is an acknowledgement, whatever else the body holds', () => {
  const odd = [
    ['a null OriginatorConversationID', { ...acknowledgement, OriginatorConversationID: null }],
    ['a numeric OriginatorConversationID', { ...acknowledgement, OriginatorConversationID: 42 }],
    ['a null ConversationID', { ...acknowledgement, ConversationID: null }],
    ['ResponseCode "00"', { ...acknowledgement, ResponseCode: '00' }],
    ['ResponseCode 0 with a numeric ConversationID', { ...acknowledgement, ResponseCode: 0, ConversationID: 7 }],
    ['no ids at all', { ResponseCode: '0' }],
  ] as const;
  for (const [name, body] of odd) {
    it(`${name}: pending, the odd ids left out`, async () => {
      answer(200, body);
      const result = await reverse();
      expect(result.status).toBe('pending');
      for (const field of ['conversationId', 'providerRequestId'] as const) {
        const value = result[field];
        if (value !== undefined) expect(typeof value).toBe('string');
      }
    });
  }

  it('any body with a zero ResponseCode is pending; any other body never fails by it', async () => {
    const zero = fc.constantFrom<unknown>(0, '0', '00', ' 0 ');
    const anything = fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.boolean());
    await fc.assert(
      fc.asyncProperty(
        zero,
        fc.dictionary(fc.constantFrom('OriginatorConversationID', 'ConversationID', 'ResponseDescription', 'errorCode'), anything),
        fc.constantFrom(200, 202, 400, 500),
        async (code, fields, status) => {
          answer(status, { ...fields, ResponseCode: code });
          expect((await reverse()).status).toBe('pending');
        },
      ),
      { numRuns: 60 },
    );
  });
});
