import { ReversalCallbackError } from '@reversal/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import failure from './__fixtures__/result-failure-r000002.json' with { type: 'json' };
import success from './__fixtures__/result-success.json' with { type: 'json' };
import queueTimeout from './__fixtures__/queue-timeout-callback.json' with { type: 'json' };
import type { CallbackCorrelation } from './callback-token.js';
import { parseCallbackBody } from './parse-callback.js';

const result: CallbackCorrelation = { reference: 'ORDER1234', kind: 'result' };

describe('parseCallbackBody with the documentation examples (seed 000)', () => {
  it('reads the success example into succeeded with every detail', () => {
    const parsed = parseCallbackBody(JSON.stringify(success), result);
    expect(parsed).toEqual({
      provider: 'safaricom-ke',
      status: 'succeeded',
      reference: 'ORDER1234',
      originalTransactionId: 'SKC82PACB8',
      reversalTransactionId: 'SKE52PAWR9',
      conversationId: 'AG_20211114_201018edbbf9f1582eaa',
      amount: { value: '1.00', currency: 'KES' },
      // 20211114132711 in Nairobi (UTC+3)
      completedAt: new Date('2021-11-14T10:27:11.000Z'),
      metadata: {
        callback: 'result',
        originatorConversationId: 'dad6-4c34-8787-c8cb963a496d1268232',
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

  it('treats ResultCode "0" (string) like 0 (number)', () => {
    const body = { Result: { ...success.Result, ResultCode: '0' } };
    expect(parseCallbackBody(body, result).status).toBe('succeeded');
  });

  it('accepts bytes and an already-parsed object as well as text', () => {
    expect(parseCallbackBody(new TextEncoder().encode(JSON.stringify(success)), result).status).toBe('succeeded');
    expect(parseCallbackBody(success, result).status).toBe('succeeded');
  });

  it('accepts a single ResultParameter object instead of an array', () => {
    const body = {
      Result: { ...success.Result, ResultParameters: { ResultParameter: { Key: 'Amount', Value: '250.5' } } },
    };
    expect(parseCallbackBody(body, { ...result, originalTransactionId: 'SKC82PACB8' }).amount).toEqual({
      value: '250.50',
      currency: 'KES',
    });
  });

  it('reads the R000002 failure example, taking the transaction from the URL (the body has no ResultParameters)', () => {
    const parsed = parseCallbackBody(failure, { ...result, originalTransactionId: 'SKE0000000' });
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
      metadata: { originatorConversationId: '3124-481d-b706-10bdd6fbc8e21792398' },
    });
    expect(parsed.reversalTransactionId).toBeUndefined();
  });

  it('refuses a failure that names no original transaction anywhere', () => {
    expect(() => parseCallbackBody(failure, result)).toThrow(ReversalCallbackError);
  });

  it('reads the queue-timeout example into unknown/TIMEOUT even though its ResultCode "1" means insufficient balance elsewhere', () => {
    const parsed = parseCallbackBody(queueTimeout, { reference: 'Q1', originalTransactionId: 'PDU91HIVIT', kind: 'queue-timeout' });
    expect(parsed).toMatchObject({
      status: 'unknown',
      error: { code: 'TIMEOUT', providerCode: '1', retryable: false },
      conversationId: 'AG_20181005_00004d7ee675c0c7ee0b',
      metadata: { callback: 'queue-timeout', providerDescription: 'The service request timed out.' },
    });
  });

  it('refuses malformed bodies with ERR_CALLBACK (answer 400)', () => {
    for (const body of ['', 'nope', '[]', '{}', '{"Result":{}}', '{"Result":{"ResultCode":null}}', 42, null]) {
      const error = (() => {
        try {
          parseCallbackBody(body, { ...result, originalTransactionId: 'PDU91HIVIT' });
        } catch (caught) {
          return caught;
        }
      })();
      expect(ReversalCallbackError.isInstance(error), JSON.stringify(body)).toBe(true);
      expect((error as ReversalCallbackError).status).toBe(400);
    }
  });
});

describe('parseCallbackBody with any input (fast-check)', () => {
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

  it('always gives a result or a ReversalCallbackError', () => {
    fc.assert(
      fc.property(bodies, correlations, (body, correlation) => {
        try {
          const parsed = parseCallbackBody(body, correlation);
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
