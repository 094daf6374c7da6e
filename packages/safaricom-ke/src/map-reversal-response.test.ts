import type { ResponseOutcome } from '@reversal/core/kit';
import { describe, expect, it } from 'vitest';
import acknowledgement from './__fixtures__/acknowledgement.json' with { type: 'json' };
import invalidToken from './__fixtures__/invalid-token-404.json' with { type: 'json' };
import syncError from './__fixtures__/sync-error-400.002.02.json' with { type: 'json' };
import { darajaErrorCode, mapReversalResponse } from './map-reversal-response.js';

const base = {
  provider: 'safaricom-ke',
  reference: 'REF1',
  originalTransactionId: 'PDU91HIVIT',
  amount: { value: '200.00', currency: 'KES' },
};
const response = (status: number, body: unknown): ResponseOutcome<unknown> => ({
  kind: 'response',
  status,
  headers: {},
  body,
  text: JSON.stringify(body),
});

describe('mapReversalResponse (Daraja answers as documented)', () => {
  it('the acknowledgement example is pending with both conversation ids', () => {
    expect(mapReversalResponse(response(200, acknowledgement), base)).toEqual({
      ...base,
      status: 'pending',
      conversationId: 'AG_20210706_20106e9209f64bebd05b',
      metadata: {
        originatorConversationId: 'f1e2-4b95-a71d-b30d3cdbb7a7735297',
        providerDescription: 'Accept the service request successfully.',
      },
      raw: acknowledgement,
    });
  });

  it('the 400.002.02 example is failed/INVALID_REQUEST with Daraja’s message', () => {
    expect(mapReversalResponse(response(400, syncError), base)).toMatchObject({
      status: 'failed',
      error: { code: 'INVALID_REQUEST', providerCode: '400.002.02', message: expect.stringContaining('Invalid TransactionID') },
    });
  });

  it('recognises the captured invalid-token answer (HTTP 404, 404.001.03)', () => {
    const { _source, ...body } = invalidToken;
    expect(darajaErrorCode(response(404, body))).toBe('404.001.03');
  });

  it('an undocumented errorCode is unknown, not failed: it may have been queued', () => {
    expect(mapReversalResponse(response(500, { requestId: '1', errorCode: '500.002.99', errorMessage: 'New' }), base)).toMatchObject({
      status: 'unknown',
      error: { code: 'PROCESSING_ERROR', providerCode: '500.002.99', retryable: false },
    });
  });

  it('an answer that is neither acknowledgement nor error is unknown', () => {
    expect(mapReversalResponse(response(502, { message: 'Bad gateway' }), base)).toMatchObject({
      status: 'unknown',
      error: { providerCode: 'HTTP_502' },
    });
  });

  it('a non-zero ResponseCode was not accepted: failed', () => {
    expect(mapReversalResponse(response(200, { ResponseCode: '1', ResponseDescription: 'Rejected' }), base)).toMatchObject({
      status: 'failed',
      error: { code: 'PROCESSING_ERROR', providerCode: '1' },
    });
  });
});
