import { describe, expect, it } from 'vitest';
import { credentialFailureAnswer, keepPendingOnFailedQuery, tokenTransportFailure, transportFailureAnswer } from './failure-answers.js';

describe('transportFailureAnswer', () => {
  it('makes a not-sent reversal a retryable failed PROVIDER_UNAVAILABLE', () => {
    const answer = transportFailureAnswer({ kind: 'not-sent', code: 'ECONNREFUSED', message: 'refused' }, 'reversal', 'Acme');
    expect(answer).toMatchObject({ status: 'failed', error: { code: 'PROVIDER_UNAVAILABLE', providerCode: 'ECONNREFUSED', retryable: true } });
  });

  it('makes a timeout unknown TIMEOUT and other maybe-sent failures unknown PROCESSING_ERROR, never retryable', () => {
    const timeout = transportFailureAnswer({ kind: 'maybe-sent', reason: 'timeout', code: 'TIMEOUT', message: 't' }, 'reversal', 'Acme');
    expect(timeout).toMatchObject({ status: 'unknown', error: { code: 'TIMEOUT', retryable: false } });
    for (const reason of ['connection-lost', 'invalid-response', 'aborted'] as const) {
      const answer = transportFailureAnswer({ kind: 'maybe-sent', reason, code: 'X', message: 'm', status: 500, text: '<html>' }, 'reversal', 'Acme');
      expect(answer).toMatchObject({ status: 'unknown', error: { code: 'PROCESSING_ERROR', retryable: false } });
      expect(answer.raw).toMatchObject({ status: 500, body: '<html>' });
    }
  });

  it('never makes a failed status query a failed reversal: the reversal stays unknown', () => {
    for (const failure of [
      { kind: 'not-sent', code: 'ECONNREFUSED', message: 'refused' },
      { kind: 'maybe-sent', reason: 'timeout', code: 'TIMEOUT', message: 't' },
    ] as const) {
      const answer = transportFailureAnswer(failure, 'status', 'Acme');
      expect(answer.status).toBe('unknown');
      expect('error' in answer && answer.error.message).toMatch(/still unknown/);
    }
  });
});

describe('credentialFailureAnswer', () => {
  const refused = { code: 'AUTHENTICATION_FAILED', providerCode: '400.008.01', message: 'Refused.', retryable: false } as const;

  it('makes a reversal without a token failed (it was never sent), retryable as the failure says', () => {
    expect(credentialFailureAnswer(refused, 'reversal')).toMatchObject({ status: 'failed', error: { retryable: false } });
    const unavailable = tokenTransportFailure({ kind: 'not-sent', code: 'ECONNREFUSED', message: 'refused' }, 'Acme');
    const answer = credentialFailureAnswer(unavailable, 'reversal');
    expect(answer).toMatchObject({ status: 'failed', error: { code: 'PROVIDER_UNAVAILABLE', retryable: true } });
    expect('error' in answer && answer.error.message).toMatch(/not sent; it is safe to try again later/);
  });

  it('leaves the reversal unknown when a status query got no token', () => {
    expect(credentialFailureAnswer(refused, 'status')).toMatchObject({ status: 'unknown', error: { retryable: false } });
  });
});

describe('keepPendingOnFailedQuery', () => {
  const failed = transportFailureAnswer({ kind: 'maybe-sent', reason: 'timeout', code: 'TIMEOUT', message: 't' }, 'status', 'Acme');

  it('keeps a pending reversal pending when its status query failed, with the failure in raw', () => {
    expect(keepPendingOnFailedQuery(failed, 'pending')).toEqual({
      status: 'pending',
      raw: { statusQuery: { error: expect.objectContaining({ code: 'TIMEOUT' }), raw: expect.any(Object) } },
    });
  });

  it('leaves every other queried status with the failure answer (unknown)', () => {
    for (const queried of ['unknown', undefined] as const) expect(keepPendingOnFailedQuery(failed, queried)).toBe(failed);
  });
});
