import type { ReversalEvent } from '@reversal/core';
import { describe, expect, it } from 'vitest';
import { providerFor, useAcmeMoneySimulator } from './test-helpers/acme-money-simulator.js';

const simulator = useAcmeMoneySimulator();

describe('reverse() over HTTP', () => {
  it('reverses part of a payment, then the rest, with the receipt and amount the API answered', async () => {
    const provider = providerFor(simulator());
    const { transactionId } = simulator().addTransaction({ amount: '200.00' });
    const first = await provider.reverse({ transactionId, amount: '50.00', reference: 'ORDER1', reason: 'Refund' });
    expect(first).toMatchObject({ status: 'succeeded', provider: 'acme-money', reference: 'ORDER1', providerRequestId: 'ORDER1', amount: { value: '50.00', currency: 'TZS' }, metadata: { remaining: '150.00' } });
    expect(first.reversalTransactionId).toMatch(/^RV\d{8}$/);
    const rest = await provider.reverse({ transactionId, reference: 'ORDER2' });
    expect(rest).toMatchObject({ status: 'succeeded', amount: { value: '150.00', currency: 'TZS' } });
    expect(simulator().transaction(transactionId)).toMatchObject({ reversed: '200.00', remaining: '0.00' });
    expect(simulator().requests().at(-1)?.body).toEqual({ reference: 'ORDER2', transactionId });
    await provider.close?.();
  });

  it.each([
    ['A001', undefined, 'failed', 'TRANSACTION_NOT_FOUND'],
    ['A002', 'already', 'unknown', 'ALREADY_REVERSED'],
    ['A003', { code: 'A003' }, 'failed', 'INSUFFICIENT_FUNDS'],
    ['A004', 'too-much', 'failed', 'INVALID_AMOUNT'],
    ['A500', { code: 'A500' }, 'unknown', 'PROCESSING_ERROR'],
  ] as const)('maps %s from the API', async (code, setUp, status, normalised) => {
    const provider = providerFor(simulator());
    let transactionId = 'AM99999999';
    let amount = '10.00';
    if (setUp !== undefined) {
      transactionId = simulator().addTransaction({ amount: '10.00', ...(typeof setUp === 'object' ? { scenario: setUp } : {}) }).transactionId;
      if (setUp === 'already') await provider.reverse({ transactionId });
      if (setUp === 'too-much') amount = '10.01';
    }
    const result = await provider.reverse({ transactionId, amount });
    expect(result).toMatchObject({ status, error: { code: normalised, providerCode: code } });
    await provider.close?.();
  });

  it('refuses a wrong API key as AUTHENTICATION_FAILED and never shows the key it sent', async () => {
    const events: ReversalEvent[] = [];
    const wrongKey = 'wrong-key-0123456789';
    const provider = providerFor({ ...simulator(), providerOptions: { ...simulator().providerOptions, apiKey: wrongKey } }, { onEvent: (event) => events.push(event as ReversalEvent) });
    const { transactionId } = simulator().addTransaction({ amount: '10.00' });
    const result = await provider.reverse({ transactionId });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'AUTHENTICATION_FAILED', providerCode: 'A401' } });
    expect(JSON.stringify([result, events])).not.toContain(wrongKey);
    expect(simulator().transaction(transactionId)?.reversed).toBe('0.00');
    await provider.close?.();
  });

  it('settles an unknown result (no answer in time) with checkStatus: the reversal was applied', async () => {
    const provider = providerFor(simulator(), { timeoutMs: 200 });
    const { transactionId } = simulator().addTransaction({ amount: '30.00', scenario: { delayMs: 1_000 } });
    const unknown = await provider.reverse({ transactionId, reference: 'SLOW1' });
    expect(unknown).toMatchObject({ status: 'unknown', error: { code: 'TIMEOUT' } });
    const settled = await provider.checkStatus!(unknown);
    expect(settled).toMatchObject({ status: 'succeeded', reference: 'SLOW1', originalTransactionId: transactionId, amount: { value: '30.00' } });
    await provider.close?.();
  });

  it('answers a status query for a reference the API never received: not reversed, safe to send again', async () => {
    const provider = providerFor(simulator());
    const status = await provider.checkStatus!({ reference: 'NEVERSENT1', originalTransactionId: 'AM00000001' });
    expect(status).toMatchObject({ status: 'failed', error: { code: 'TRANSACTION_NOT_FOUND', providerCode: 'A006', retryable: true } });
    await provider.close?.();
  });
});
