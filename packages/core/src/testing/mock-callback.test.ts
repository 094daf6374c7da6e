import { describe, expect, it } from 'vitest';
import { ReversalCallbackError } from '../errors/reversal-callback-error.js';
import { assertReversalResult } from './assert-reversal-result.js';
import { createMockProvider } from './create-mock-provider.js';

const request = { transactionId: 'PDU91HIVIT', amount: '200.00' } as const;
const callbackMock = () => createMockProvider({ id: 'mock-ke', capabilities: { resultDelivery: 'callback', partialReversal: false } });

describe('createMockProvider (callback)', () => {
  it('resolves pending, then delivers a callback that parses into the final result', async () => {
    const mock = callbackMock();
    const pending = await mock.reverse(request);
    assertReversalResult(pending, mock);
    expect(pending).toMatchObject({ status: 'pending', provider: 'mock-ke', amount: { value: '200.00', currency: 'KES' } });
    expect(pending.completedAt).toBeUndefined();

    const input = mock.deliverCallback(pending.reference);
    expect(typeof input.body).toBe('string');
    expect(String(input.url)).toContain(pending.reference);
    const final = await mock.parseCallback(input);
    assertReversalResult(final, mock);
    expect(final).toMatchObject({
      status: 'succeeded',
      reference: pending.reference,
      originalTransactionId: 'PDU91HIVIT',
      amount: { value: '200.00', currency: 'KES' },
      reversalTransactionId: 'MOCKREV000001',
    });
    expect(final.completedAt).toBeInstanceOf(Date);
    expect(final.raw).toEqual(JSON.parse(input.body as string));
  });

  it('delivers a scripted final outcome and accepts the pending result itself', async () => {
    const mock = callbackMock();
    const pending = await mock.reverse(request);
    const input = mock.deliverCallback(pending, { status: 'failed', error: { code: 'ALREADY_REVERSED', providerCode: 'R000001' } });
    const final = await mock.parseCallback(input);
    expect(final).toMatchObject({ status: 'failed', error: { code: 'ALREADY_REVERSED', providerCode: 'R000001', retryable: false } });
    // The provider's own record matches what the callback carried; only `raw` (the payload) differs.
    const { raw: _known, ...known } = await mock.checkStatus(pending);
    const { raw: _final, ...parsed } = final;
    expect(known).toEqual(parsed);
  });

  it('reads the body as text, bytes or parsed JSON', async () => {
    const mock = callbackMock();
    const { body, url } = mock.deliverCallback(await mock.reverse(request));
    const text = body as string;
    for (const form of [text, new TextEncoder().encode(text), JSON.parse(text)]) {
      expect(await mock.parseCallback({ body: form, url })).toMatchObject({ status: 'succeeded' });
    }
  });

  it('rejects malformed callbacks with a ReversalCallbackError answering 400', async () => {
    const mock = callbackMock();
    const { body, url } = mock.deliverCallback(await mock.reverse(request));
    const good = JSON.parse(body as string) as Record<string, unknown>;
    const bad: unknown[] = ['not json', '', {}, [], null, 42, { ...good, status: 'pending' }, { ...good, reference: 'bad ref!' },
      { ...good, status: 'failed' }, { ...good, amount: { value: 'ten', currency: 'KES' } }, { ...good, provider: 'other' }];
    for (const garbage of bad) {
      const error = await mock.parseCallback({ body: garbage, url }).catch((caught: unknown) => caught);
      expect(ReversalCallbackError.isInstance(error), JSON.stringify(garbage)).toBe(true);
      expect((error as ReversalCallbackError).status).toBe(400);
    }
    await expect(mock.parseCallback(null as never)).rejects.toSatisfy(ReversalCallbackError.isInstance);
  });

  it('refuses to script what a callback provider cannot do', async () => {
    const mock = callbackMock();
    mock.respondOnce({ status: 'succeeded' });
    await expect(mock.reverse(request)).rejects.toThrow(/deliverCallback/);
    const pending = await mock.reverse(request);
    expect(() => mock.deliverCallback(pending, { status: 'pending' })).toThrow(TypeError);
    expect(() => mock.deliverCallback('NEVERSENT')).toThrow(/no reversal with reference/);
  });

  it('can fail at once, as Daraja does for a refused request', async () => {
    const mock = callbackMock().respondOnce({ status: 'failed', error: { code: 'AUTHENTICATION_FAILED' } });
    expect(await mock.reverse(request)).toMatchObject({ status: 'failed', error: { code: 'AUTHENTICATION_FAILED' } });
  });
});

describe('createMockProvider checkStatus', () => {
  it('reports the latest result of a reference, then a scripted status', async () => {
    const mock = createMockProvider().respondOnce({ status: 'unknown' });
    const unknown = await mock.reverse(request);
    expect(await mock.checkStatus(unknown)).toBe(unknown);
    mock.setStatus(unknown.reference, { status: 'succeeded', reversalTransactionId: 'RCPT9' });
    const resolved = await mock.checkStatus(unknown);
    assertReversalResult(resolved, mock);
    expect(resolved).toMatchObject({ status: 'succeeded', reference: unknown.reference, reversalTransactionId: 'RCPT9', amount: { value: '200.00' } });
    expect(mock.statusChecks.map((check) => check.result.status)).toEqual(['unknown', 'succeeded']);
  });

  it('reports TRANSACTION_NOT_FOUND for a reference it never saw, and validates the query', async () => {
    const mock = createMockProvider();
    expect(await mock.checkStatus({ reference: 'NEVER', originalTransactionId: 'X1' })).toMatchObject({
      status: 'failed',
      reference: 'NEVER',
      originalTransactionId: 'X1',
      error: { code: 'TRANSACTION_NOT_FOUND' },
    });
    await expect(mock.checkStatus({ reference: 'bad ref', originalTransactionId: '' })).rejects.toSatisfy(
      (error: unknown) => (error as { issues: { field: string }[] }).issues.length === 2,
    );
    const reason = new Error('stop');
    await expect(mock.checkStatus({ reference: 'R1', originalTransactionId: 'X1' }, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });

  it('has no checkStatus when statusCheck is off', () => {
    const mock = createMockProvider({ capabilities: { statusCheck: false } });
    expect('checkStatus' in mock).toBe(false);
  });
});
