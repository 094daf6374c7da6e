import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AcmeMoneySimulator } from './acme-money-simulator.js';
import { startAcmeMoneySimulator } from './start-acme-money-simulator.js';

let acme: AcmeMoneySimulator;
beforeAll(async () => {
  acme = await startAcmeMoneySimulator({ apiKey: 'test-api-key-123' });
});
afterAll(() => acme.close());

async function call(method: string, path: string, body?: unknown, apiKey = acme.apiKey) {
  const response = await fetch(`${acme.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the Acme Money simulator over HTTP', () => {
  it('has the shape every simulator has', () => {
    expect(acme.providerOptions).toEqual({ apiKey: 'test-api-key-123', baseUrl: acme.baseUrl });
    expect(acme.environment).toEqual({ REVERSAL_PROVIDER: 'acme-money', ACME_MONEY_API_KEY: 'test-api-key-123', ACME_MONEY_BASE_URL: acme.baseUrl });
    const payment = acme.addTransaction({ amount: 12 });
    expect(payment).toEqual({ transactionId: expect.stringMatching(/^AM\d{8}$/), amount: '12.00', reversed: '0.00', remaining: '12.00' });
    expect(Object.isFrozen(payment)).toBe(true);
  });

  it('reverses from its ledger, answers a repeated reference the same, and reports it by reference', async () => {
    const { transactionId } = acme.addTransaction({ amount: '100.00' });
    const first = await call('POST', '/v1/reversals', { reference: 'R1', transactionId, amount: '40.00' });
    expect(first).toMatchObject({ status: 200, body: { code: 'A000', amount: '40.00', remaining: '60.00' } });
    expect(await call('POST', '/v1/reversals', { reference: 'R1', transactionId, amount: '40.00' })).toEqual(first);
    expect(acme.transaction(transactionId)?.remaining).toBe('60.00');
    expect(await call('GET', '/v1/reversals/R1')).toEqual(first);
    expect(await call('POST', '/v1/reversals', { reference: 'R2', transactionId, amount: '60.01' })).toMatchObject({ status: 422, body: { code: 'A004' } });
    expect(await call('POST', '/v1/reversals', { reference: 'R1', transactionId: 'AM00000000' })).toMatchObject({ status: 409, body: { code: 'A007' } });
    expect(await call('GET', '/v1/reversals/NOPE')).toMatchObject({ status: 404, body: { code: 'A006' } });
  });

  it('refuses a wrong key and a malformed body, and records what it received', async () => {
    expect(await call('POST', '/v1/reversals', {}, 'wrong')).toMatchObject({ status: 401, body: { code: 'A401' } });
    expect(await call('POST', '/v1/reversals', { reference: 'R3', transactionId: 'am1' })).toMatchObject({ status: 400, body: { code: 'A005' } });
    expect(acme.requests().at(-2)).toEqual({ method: 'POST', path: '/v1/reversals', body: {}, authorized: false });
  });

  it('answers with a scenario code', async () => {
    const { transactionId } = acme.addTransaction({ amount: '5.00', scenario: { code: 'A003' } });
    expect(await call('POST', '/v1/reversals', { reference: 'R4', transactionId })).toMatchObject({ status: 402, body: { code: 'A003' } });
    expect(acme.transaction(transactionId)?.reversed).toBe('0.00');
  });
});
