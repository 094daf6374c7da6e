import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReversalResult, ReversalStatus } from '../reversal-result.js';
import { currentResult, deduplicationKey, MAX_ATTEMPTS_PER_REFERENCE, recordAttemptResult, sameAttempt } from './result-attempts.js';

const error = (providerCode: string) => ({ code: 'PROCESSING_ERROR' as const, providerCode, message: 'x', retryable: false });

function result(status: ReversalStatus, providerRequestId?: string, extra: Partial<ReversalResult> = {}): ReversalResult {
  const base = { provider: 'p', reference: 'REF1', originalTransactionId: 'TX1', metadata: {}, raw: {}, ...extra };
  const ids = providerRequestId === undefined ? {} : { providerRequestId };
  return status === 'failed' || status === 'unknown'
    ? ({ ...base, ...ids, status, error: error(`${status}-${providerRequestId}`) } as ReversalResult)
    : ({ ...base, ...ids, status } as ReversalResult);
}

function record(...results: ReversalResult[]): readonly ReversalResult[] {
  return results.reduce<readonly ReversalResult[]>((attempts, next) => recordAttemptResult(attempts, next) ?? attempts, []);
}

describe('sameAttempt', () => {
  it('matches by providerRequestId, else conversationId, within one payment and reference', () => {
    expect(sameAttempt(result('pending', 'A'), result('succeeded', 'A'))).toBe(true);
    expect(sameAttempt(result('pending', 'A'), result('succeeded', 'B'))).toBe(false);
    expect(sameAttempt(result('pending', 'A', { conversationId: 'C' }), result('succeeded', undefined, { conversationId: 'C' }))).toBe(true);
    expect(sameAttempt(result('pending'), result('succeeded'))).toBe(true);
    expect(sameAttempt(result('pending', 'A'), result('succeeded'))).toBe(false);
    expect(sameAttempt(result('pending', 'A'), result('pending', 'A', { originalTransactionId: 'TX2' }))).toBe(false);
  });
});

describe('recordAttemptResult: within one attempt', () => {
  const rows: [ReversalStatus, ReversalStatus, ReversalStatus][] = [
    ['pending', 'succeeded', 'succeeded'],
    ['pending', 'failed', 'failed'],
    ['pending', 'unknown', 'unknown'],
    ['unknown', 'succeeded', 'succeeded'],
    ['unknown', 'pending', 'pending'],
    ['succeeded', 'pending', 'succeeded'],
    ['succeeded', 'unknown', 'succeeded'],
    ['succeeded', 'failed', 'succeeded'],
    ['failed', 'pending', 'failed'],
    ['failed', 'unknown', 'failed'],
    ['failed', 'succeeded', 'succeeded'],
  ];
  it.each(rows)('%s then %s stays %s', (known, next, expected) => {
    expect(currentResult(record(result(known, 'A'), result(next, 'A')))?.status).toBe(expected);
  });
});

describe('currentResult: across attempts', () => {
  it('keeps a succeeded attempt over a later attempt failed with ALREADY_REVERSED', () => {
    expect(currentResult(record(result('succeeded', 'A'), result('failed', 'B')))?.status).toBe('succeeded');
    expect(currentResult(record(result('failed', 'B'), result('succeeded', 'A')))?.status).toBe('succeeded');
  });

  it("lets a new attempt's pending supersede an earlier failure", () => {
    expect(currentResult(record(result('failed', 'A'), result('pending', 'B')))).toMatchObject({ status: 'pending', providerRequestId: 'B' });
  });

  it('does not let a later refusal hide an earlier attempt that may have gone through', () => {
    expect(currentResult(record(result('unknown', 'A'), result('failed', 'B')))).toMatchObject({ status: 'unknown', providerRequestId: 'A' });
    expect(currentResult(record(result('pending', 'A'), result('failed', 'B')))).toMatchObject({ status: 'pending', providerRequestId: 'A' });
  });

  it('is failed, with the newest failure, only when every attempt failed', () => {
    expect(currentResult(record(result('failed', 'A'), result('failed', 'B')))).toMatchObject({ status: 'failed', providerRequestId: 'B' });
    expect(currentResult([])).toBeUndefined();
  });

  it('never says failed once any attempt succeeded, and stays bounded, whatever the order (property)', () => {
    const status = fc.constantFrom<ReversalStatus>('pending', 'succeeded', 'failed', 'unknown');
    const attempt = fc.constantFrom('A', 'B', 'C', undefined);
    fc.assert(
      fc.property(fc.array(fc.tuple(status, attempt), { maxLength: 40 }), (steps) => {
        const attempts = record(...steps.map(([s, id]) => result(s, id)));
        const anySucceeded = steps.some(([s]) => s === 'succeeded');
        expect(currentResult(attempts)?.status === 'succeeded').toBe(anySucceeded);
        expect(attempts.length).toBeLessThanOrEqual(MAX_ATTEMPTS_PER_REFERENCE);
      }),
    );
  });

  it('keeps at most MAX_ATTEMPTS_PER_REFERENCE attempts, dropping the oldest failures first', () => {
    const many = Array.from({ length: MAX_ATTEMPTS_PER_REFERENCE + 4 }, (_, index) => result('failed', `F${index}`));
    const attempts = record(result('succeeded', 'S'), ...many);
    expect(attempts).toHaveLength(MAX_ATTEMPTS_PER_REFERENCE);
    expect(currentResult(attempts)?.status).toBe('succeeded');
  });
});

describe('deduplicationKey', () => {
  it('tells apart two payments, and two attempts, under one reference; not two deliveries of one outcome', () => {
    expect(deduplicationKey(result('succeeded', 'A'))).toBe(deduplicationKey(result('succeeded', 'A')));
    expect(deduplicationKey(result('succeeded', 'A'))).not.toBe(deduplicationKey(result('succeeded', 'A', { originalTransactionId: 'TX2' })));
    expect(deduplicationKey(result('failed', 'A'))).not.toBe(deduplicationKey(result('failed', 'B')));
  });
});
