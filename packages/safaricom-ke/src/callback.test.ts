import { ReversalCallbackError } from '@reversal/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import failure from './__fixtures__/result-failure-r000002.json' with { type: 'json' };
import success from './__fixtures__/result-success.json' with { type: 'json' };
import queueTimeout from './__fixtures__/queue-timeout-callback.json' with { type: 'json' };
import type { CallbackCorrelation } from './callback-token.js';
import { createSafaricomKeProvider } from './create-provider.js';
import { CANARY } from './test-helpers/simulated-daraja.js';

// The bodies Daraja documents, read by an unsigned provider: the URL (built here as the provider
// builds it) carries the correlation; parsing a callback sends nothing.
const provider = createSafaricomKeProvider({
  baseUrl: 'http://127.0.0.1:9',
  consumerKey: CANARY.consumerKey,
  consumerSecret: CANARY.consumerSecret,
  initiatorName: 'apiop37',
  securityCredential: 'unused-security-credential',
  shortCode: '600992',
  resultUrl: 'https://shop.example/mpesa/result',
  unsignedCallbacks: true,
});

const urlOf = (correlation: CallbackCorrelation) => {
  const url = new URL('https://shop.example/mpesa/result');
  url.searchParams.set('reference', correlation.reference);
  if (correlation.originalTransactionId !== undefined) url.searchParams.set('originalTransactionId', correlation.originalTransactionId);
  if (correlation.kind === 'queue-timeout') url.searchParams.set('kind', 'queue-timeout');
  return url.toString();
};
const parseCallbackBody = (body: unknown, correlation: CallbackCorrelation) => provider.parseCallback({ body, url: urlOf(correlation) });

const result: CallbackCorrelation = { reference: 'ORDER1234', kind: 'result' };

describe('parseCallback with the documentation examples (https://developer.safaricom.co.ke/apis/Reversal)', () => {
  it('reads the success example into succeeded with every detail', async () => {
    const parsed = await parseCallbackBody(JSON.stringify(success), result);
    expect(parsed).toEqual({
      provider: 'safaricom-ke',
      status: 'succeeded',
      reference: 'ORDER1234',
      originalTransactionId: 'SKC82PACB8',
      reversalTransactionId: 'SKE52PAWR9',
      conversationId: 'AG_20211114_201018edbbf9f1582eaa',
      providerRequestId: 'dad6-4c34-8787-c8cb963a496d1268232',
      amount: { value: '1.00', currency: 'KES' },
      // 20211114132711 in Nairobi (UTC+3)
      completedAt: new Date('2021-11-14T10:27:11.000Z'),
      metadata: {
        callback: 'result',
        providerDescription: 'The service request is processed successfully.',
        creditPartyName: '254705912645 - NICHOLAS JOHN SONGOK',
        debitPartyName: '600992 - Safaricom Daraja 992',
        charge: { value: '0.00', currency: 'KES' },
        debitAccountBalance: [
          { account: 'Utility Account', currency: 'KES', amounts: ['7722179.62', '7722179.62', '0.00', '0.00'] },
        ],
        debitAccountBalanceText: 'Utility Account|KES|7722179.62|7722179.62|0.00|0.00',
      },
      raw: success,
    });
  });

  it('treats ResultCode "0" (string) like 0 (number)', async () => {
    const body = { Result: { ...success.Result, ResultCode: '0' } };
    expect((await parseCallbackBody(body, result)).status).toBe('succeeded');
  });

  it('reads ids of another type (null, a number) as absent rather than refusing the outcome', async () => {
    const body = { Result: { ...success.Result, OriginatorConversationID: null, ConversationID: 7, TransactionID: null } };
    const parsed = await parseCallbackBody(body, result);
    expect(parsed.status).toBe('succeeded');
    expect(parsed).not.toHaveProperty('conversationId');
    expect(parsed).not.toHaveProperty('providerRequestId');
  });

  it('accepts bytes and an already-parsed object as well as text', async () => {
    expect((await parseCallbackBody(new TextEncoder().encode(JSON.stringify(success)), result)).status).toBe('succeeded');
    expect((await parseCallbackBody(success, result)).status).toBe('succeeded');
  });

  it('accepts a single ResultParameter object instead of an array', async () => {
    const body = {
      Result: { ...success.Result, ResultParameters: { ResultParameter: { Key: 'Amount', Value: '250.5' } } },
    };
    expect((await parseCallbackBody(body, { ...result, originalTransactionId: 'SKC82PACB8' })).amount).toEqual({
      value: '250.50',
      currency: 'KES',
    });
  });

  it('reads the R000002 failure example, taking the transaction from the URL (the body has no ResultParameters)', async () => {
    const parsed = await parseCallbackBody(failure, { ...result, originalTransactionId: 'SKE0000000' });
    expect(parsed).toMatchObject({
      status: 'failed',
      originalTransactionId: 'SKE0000000',
      conversationId: 'AG_20211114_2010573069aefb6b625a',
      error: {
        code: 'TRANSACTION_NOT_FOUND',
        providerCode: 'R000002',
        retryable: false,
        message: expect.stringContaining('The OriginalTransactionID is invalid.'),
      },
      providerRequestId: '3124-481d-b706-10bdd6fbc8e21792398',
    });
    expect(parsed.reversalTransactionId).toBeUndefined();
  });

  it('refuses a failure that names no original transaction anywhere', async () => {
    await expect(parseCallbackBody(failure, result)).rejects.toThrow(ReversalCallbackError);
  });

  it('reads the queue-timeout example into unknown/TIMEOUT even though its ResultCode "1" means insufficient balance elsewhere', async () => {
    const parsed = await parseCallbackBody(queueTimeout, { reference: 'Q1', originalTransactionId: 'PDU91HIVIT', kind: 'queue-timeout' });
    expect(parsed).toMatchObject({
      status: 'unknown',
      error: { code: 'TIMEOUT', providerCode: '1', retryable: false },
      conversationId: 'AG_20181005_00004d7ee675c0c7ee0b',
      metadata: { callback: 'queue-timeout', providerDescription: 'The service request timed out.' },
    });
  });

  it('refuses malformed bodies with ERR_CALLBACK (answer 400)', async () => {
    for (const body of ['', 'nope', '[]', '{}', '{"Result":{}}', '{"Result":{"ResultCode":null}}', 42, null]) {
      const error = await parseCallbackBody(body, { ...result, originalTransactionId: 'PDU91HIVIT' }).catch((caught: unknown) => caught);
      expect(ReversalCallbackError.isInstance(error), JSON.stringify(body)).toBe(true);
      expect((error as ReversalCallbackError).status).toBe(400);
    }
  });
});

describe('parseCallback with any body (fast-check)', () => {
  const correlations = fc.record({
    reference: fc.stringMatching(/^[A-Za-z0-9]{1,20}$/),
    originalTransactionId: fc.option(fc.string(), { nil: undefined }),
    kind: fc.constantFrom('result' as const, 'queue-timeout' as const),
  });
  const parameter = fc.record({ Key: fc.constantFrom('Amount', 'TransCompletedTime', 'Charge', 'DebitAccountBalance', 'OriginalTransactionID', 'CreditPartyPublicName'), Value: fc.jsonValue() });
  const callbackLike = fc.record(
    {
      Result: fc.record(
        {
          ResultType: fc.oneof(fc.integer(), fc.string()),
          ResultCode: fc.oneof(fc.constantFrom(0, '0', 'R000001', 1, 2001), fc.jsonValue()),
          ResultDesc: fc.oneof(fc.string(), fc.jsonValue()),
          ConversationID: fc.string(),
          TransactionID: fc.oneof(fc.string(), fc.integer()),
          ResultParameters: fc.oneof(fc.record({ ResultParameter: fc.oneof(fc.array(parameter), parameter, fc.jsonValue()) }), fc.jsonValue()),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  );
  const bodies = fc.oneof(fc.jsonValue(), fc.string(), fc.uint8Array(), callbackLike, callbackLike.map((body) => JSON.stringify(body)));

  it('always gives a result or a ReversalCallbackError', async () => {
    await fc.assert(
      fc.asyncProperty(bodies, correlations, async (body, correlation) => {
        try {
          const parsed = await parseCallbackBody(body, correlation);
          expect(['succeeded', 'failed', 'unknown']).toContain(parsed.status);
          expect(parsed.reference).toBe(correlation.reference);
          if (parsed.amount) expect(parsed.amount.value).toMatch(/^\d+\.\d{2}$/);
          JSON.stringify(parsed);
        } catch (error) {
          if (!ReversalCallbackError.isInstance(error)) throw error;
        }
      }),
      { numRuns: 2000 },
    );
  });
});
