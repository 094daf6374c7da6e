import { describe, expect, it } from 'vitest';
import { ReversalValidationError } from '../errors/reversal-validation-error.js';
import { DEFAULT_REQUEST_RULES } from '../request-rules.js';
import type { ReversalResult } from '../reversal-result.js';
import { assertReversalResult } from './assert-reversal-result.js';
import { createMockProvider } from './create-mock-provider.js';

const request = { transactionId: 'PDU91HIVIT', amount: '200.00', reference: 'ORDER1' } as const;

describe('createMockProvider (sync, the default)', () => {
  it('succeeds unscripted with a complete result', async () => {
    const mock = createMockProvider();
    const result = await mock.reverse({ transactionId: 'PDU91HIVIT', amount: 200.5 });
    assertReversalResult(result, mock);
    expect(result).toMatchObject({
      provider: 'mock',
      status: 'succeeded',
      originalTransactionId: 'PDU91HIVIT',
      amount: { value: '200.50', currency: 'KES' },
      reversalTransactionId: 'MOCKREV000001',
      metadata: {},
    });
    expect(result.completedAt).toBeInstanceOf(Date);
    expect(result.reference).toMatch(/^[0-9A-Z]{20}$/);
  });

  it('exposes its id and capabilities', () => {
    const mock = createMockProvider({ id: 'test-bank', currency: 'MZN', capabilities: { partialReversal: false } });
    expect(mock.id).toBe('test-bank');
    expect(mock.capabilities).toEqual({ partialReversal: false, resultDelivery: 'sync', currencies: ['MZN'], statusCheck: true, statusDelivery: 'sync' });
    expect(typeof mock.checkStatus).toBe('function');
    expect('parseCallback' in mock).toBe(false);
  });

  it('exposes the request rules it validates with: the defaults, or those of `like`', async () => {
    expect(createMockProvider().requestRules).toBe(DEFAULT_REQUEST_RULES);
    const like = {
      id: 'uuid-pay',
      capabilities: createMockProvider().capabilities,
      requestRules: { ...DEFAULT_REQUEST_RULES, reference: { kind: 'uuid' } },
    } as const;
    const mock = createMockProvider({ like });
    expect(mock.requestRules).toBe(like.requestRules);
    await expect(mock.reverse({ transactionId: 'PDU91HIVIT', reference: 'ORDER1' })).rejects.toThrow(/reference: must be a UUID/);
    expect((await mock.reverse({ transactionId: 'PDU91HIVIT' })).reference).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects a currency outside its currencies', () => {
    expect(() => createMockProvider({ currency: 'USD', capabilities: { currencies: ['KES'] } })).toThrow(TypeError);
    expect(() => createMockProvider({ capabilities: { currencies: [] } })).toThrow(TypeError);
  });

  it('records every call: the request as given, validated request, options, result and time', async () => {
    const mock = createMockProvider();
    const controller = new AbortController();
    const given = { transactionId: 'PDU91HIVIT', amount: 7 };
    const result = await mock.reverse(given, { signal: controller.signal, timeoutMs: 5_000 });
    expect(mock.calls).toHaveLength(1);
    const call = mock.calls[0]!;
    expect(call.index).toBe(0);
    expect(call.request).toBe(given);
    expect(call.validatedRequest).toEqual({ transactionId: 'PDU91HIVIT', amount: '7.00', reference: result.reference });
    expect(call.options).toEqual({ signal: controller.signal, timeoutMs: 5_000 });
    expect(call.result).toBe(result);
    expect(call.time).toBeInstanceOf(Date);
    expect(mock.lastCall).toBe(call);
  });

  it('completes a partial failed outcome with defaults', async () => {
    const mock = createMockProvider().respondWith({ status: 'failed', error: { code: 'ALREADY_REVERSED' } });
    const result = await mock.reverse(request);
    assertReversalResult(result, mock);
    expect(result).toMatchObject({
      status: 'failed',
      reference: 'ORDER1',
      amount: { value: '200.00', currency: 'KES' },
      error: { code: 'ALREADY_REVERSED', providerCode: 'MOCK_ALREADY_REVERSED', retryable: false },
    });
    expect(result.reversalTransactionId).toBeUndefined();
  });

  it('defaults unknown to TIMEOUT and marks rate limits retryable', async () => {
    const mock = createMockProvider().respondWithSequence([
      { status: 'unknown' },
      { status: 'failed', error: { code: 'RATE_LIMITED' } },
      { status: 'failed' },
    ]);
    const [unknown, limited, failed] = [await mock.reverse(request), await mock.reverse(request), await mock.reverse(request)];
    expect(unknown).toMatchObject({ status: 'unknown', error: { code: 'TIMEOUT', retryable: false } });
    expect(unknown.completedAt).toBeUndefined();
    expect(limited).toMatchObject({ status: 'failed', error: { code: 'RATE_LIMITED', retryable: true } });
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'PROCESSING_ERROR' } });
  });

  it('keeps scripted fields as given', async () => {
    const completedAt = new Date('2024-01-02T03:04:05Z');
    const mock = createMockProvider().respondWith({
      status: 'succeeded',
      reversalTransactionId: 'RCPT1',
      conversationId: 'CONV1',
      amount: { value: '150.00', currency: 'KES' },
      completedAt,
      metadata: { balance: '10.00' },
      raw: { Result: { ResultCode: 0 } },
    });
    expect(await mock.reverse(request)).toEqual({
      provider: 'mock',
      status: 'succeeded',
      reference: 'ORDER1',
      originalTransactionId: 'PDU91HIVIT',
      reversalTransactionId: 'RCPT1',
      conversationId: 'CONV1',
      amount: { value: '150.00', currency: 'KES' },
      completedAt,
      metadata: { balance: '10.00' },
      raw: { Result: { ResultCode: 0 } },
    } satisfies ReversalResult);
  });

  it('uses queued responses once, in order, then the standing one, then the default', async () => {
    const mock = createMockProvider();
    mock.respondOnce({ status: 'failed', error: { code: 'INSUFFICIENT_FUNDS' } }).respondOnce({ status: 'unknown' });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await mock.reverse(request)).status);
    expect(statuses).toEqual(['failed', 'unknown', 'succeeded']);

    mock.respondWith({ status: 'failed' }).respondOnce({ status: 'succeeded' });
    expect((await mock.reverse(request)).status).toBe('succeeded');
    expect((await mock.reverse(request)).status).toBe('failed');
    expect((await mock.reverse(request)).status).toBe('failed');
  });

  it('calls a function response with the validated request and the call', async () => {
    const mock = createMockProvider().respondWith(async (validated, call) => {
      expect(call.validatedRequest).toBe(validated);
      return validated.amount === '500.00'
        ? { status: 'failed', error: { code: 'INSUFFICIENT_FUNDS' } }
        : { status: 'succeeded', metadata: { call: call.index } };
    });
    expect(await mock.reverse({ transactionId: 'A1', amount: 500 })).toMatchObject({ status: 'failed' });
    expect(await mock.reverse({ transactionId: 'A2', amount: '1' })).toMatchObject({ status: 'succeeded', metadata: { call: 1 } });
  });

  it('rejects with what a function response throws, and records it', async () => {
    const failure = new Error('scripted');
    const mock = createMockProvider().respondOnce(() => {
      throw failure;
    });
    await expect(mock.reverse(request)).rejects.toBe(failure);
    expect(mock.calls[0]).toMatchObject({ error: failure, result: undefined });
  });

  it('rejects a scripted outcome that is not one, or a status a sync provider cannot give', async () => {
    const mock = createMockProvider();
    mock.respondOnce({ status: 'pending' });
    await expect(mock.reverse(request)).rejects.toThrow(/sync provider's reverse\(\) never resolves pending/);
    mock.respondOnce({ status: 'done' } as never);
    await expect(mock.reverse(request)).rejects.toThrow(TypeError);
    mock.respondOnce({ status: 'succeeded', amount: '1.005' });
    await expect(mock.reverse(request)).rejects.toThrow(/scripted amount/);
    mock.respondOnce({ status: 'succeeded', amount: { value: '1.5', currency: 'KES' } });
    await expect(mock.reverse(request)).rejects.toThrow(/scripted amount/);
  });

  it('validates requests as adapters do and records nothing for an invalid one', async () => {
    const mock = createMockProvider({ capabilities: { partialReversal: false } });
    const error = await mock.reverse({ transactionId: '', amuont: 5 } as never).catch((caught: unknown) => caught);
    expect(ReversalValidationError.isInstance(error)).toBe(true);
    expect((error as ReversalValidationError).issues.map((issue) => issue.field).sort()).toEqual(['amount', 'amuont', 'transactionId']);
    expect(mock.calls).toHaveLength(0);
  });

  it('runs the extra check an adapter would', async () => {
    const mock = createMockProvider({
      check: (validated) => (validated.amount === '999.00' ? [{ field: 'amount', message: 'must be at most 998.00' }] : []),
    });
    await expect(mock.reverse({ transactionId: 'A1', amount: 999 })).rejects.toSatisfy(ReversalValidationError.isInstance);
    expect(mock.calls).toHaveLength(0);
  });

  it('rejects an already-aborted signal with its reason before anything', async () => {
    const mock = createMockProvider();
    const reason = new Error('stop');
    await expect(mock.reverse({ transactionId: '' }, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(mock.calls).toHaveLength(0);
  });

  it('resolves unknown when aborted while the provider is answering', async () => {
    const controller = new AbortController();
    const mock = createMockProvider().respondOnce(() => new Promise(() => {}));
    const pending = mock.reverse(request, { signal: controller.signal });
    controller.abort();
    const result = await pending;
    assertReversalResult(result, mock);
    expect(result).toMatchObject({ status: 'unknown', error: { code: 'PROCESSING_ERROR', providerCode: 'ABORTED' } });
  });

  it('forgets everything on reset() and bounds its history', async () => {
    const mock = createMockProvider({ historyLimit: 2 }).respondWith({ status: 'failed' });
    for (const reference of ['R1', 'R2', 'R3']) await mock.reverse({ ...request, reference });
    expect(mock.calls.map((call) => call.index)).toEqual([1, 2]);
    expect(await mock.checkStatus({ reference: 'R1', originalTransactionId: 'PDU91HIVIT' })).toMatchObject({
      error: { code: 'TRANSACTION_NOT_FOUND' },
    });
    mock.reset();
    expect(mock.calls).toHaveLength(0);
    expect(mock.statusChecks).toHaveLength(0);
    expect(await mock.reverse(request)).toMatchObject({ status: 'succeeded', reversalTransactionId: 'MOCKREV000001' });
    expect(mock.lastCall?.index).toBe(0);
  });
});
