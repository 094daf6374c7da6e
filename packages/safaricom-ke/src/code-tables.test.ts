import { DARAJA_RESULT_SCENARIOS, DARAJA_SYNC_ERROR_SCENARIOS, type DarajaScenario } from '@reversal/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import documented from './__fixtures__/reversal-codes.json' with { type: 'json' };
import { CODE_TABLES } from './code-tables.js';
import { DARAJA_ERROR_CODES } from './codes/error-codes.js';
import { DARAJA_RESULT_CODES } from './codes/result-codes.js';
import { type SimulatedDaraja, startSimulatedDaraja } from './test-helpers/simulated-daraja.js';

type Expectation = { status: string; code?: string; retryable: boolean };

// Written from the documentation's explanations (https://developer.safaricom.co.ke/apis/Reversal),
// not from the tables: a change to a table must change this too.
const resultExpectations: Record<string, Expectation> = {
  '0': { status: 'succeeded', retryable: false },
  // "Invalid or does not exist on M-Pesa": nothing to reverse.
  R000002: { status: 'failed', code: 'TRANSACTION_NOT_FOUND', retryable: false },
  // "Already reversed": the payment IS reversed (maybe by an earlier attempt of ours): never "not reversed".
  R000001: { status: 'unknown', code: 'ALREADY_REVERSED', retryable: false },
  '11': { status: 'failed', code: 'ACCOUNT_INACTIVE', retryable: false },
  '21': { status: 'failed', code: 'PERMISSION_DENIED', retryable: false },
  '2001': { status: 'failed', code: 'AUTHENTICATION_FAILED', retryable: false },
  '2006': { status: 'failed', code: 'ACCOUNT_INACTIVE', retryable: false },
  '2028': { status: 'failed', code: 'PERMISSION_DENIED', retryable: false },
  '8006': { status: 'failed', code: 'CREDENTIAL_LOCKED', retryable: false },
  // "Not enough money": may succeed once the short code is funded.
  '1': { status: 'failed', code: 'INSUFFICIENT_FUNDS', retryable: true },
};
const errorExpectations: Record<string, Expectation> = {
  // Still refused after one fresh token: the credentials or the environment are wrong.
  '404.001.03': { status: 'failed', code: 'AUTHENTICATION_FAILED', retryable: false },
  '400.002.02': { status: 'failed', code: 'INVALID_REQUEST', retryable: false },
  '404.001.01': { status: 'failed', code: 'INVALID_REQUEST', retryable: false },
  '500.001.1001': { status: 'failed', code: 'PROCESSING_ERROR', retryable: false },
  '500.003.02': { status: 'failed', code: 'RATE_LIMITED', retryable: true },
  '500.003.03': { status: 'failed', code: 'RATE_LIMITED', retryable: true },
};

let sim: SimulatedDaraja;
beforeAll(async () => {
  sim = await startSimulatedDaraja();
});
afterAll(() => sim.close());

describe('the tables hold exactly the documented codes', () => {
  it('DARAJA_RESULT_CODES: every documented ResultCode, and nothing else', () => {
    expect(Object.keys(DARAJA_RESULT_CODES).sort()).toEqual(Object.keys(documented.resultCodes).sort());
    expect(Object.keys(resultExpectations).sort()).toEqual(Object.keys(documented.resultCodes).sort());
  });

  it('DARAJA_ERROR_CODES: every documented errorCode, and nothing else', () => {
    expect(Object.keys(DARAJA_ERROR_CODES).sort()).toEqual(Object.keys(documented.errorCodes).sort());
    expect(Object.keys(errorExpectations).sort()).toEqual(Object.keys(documented.errorCodes).sort());
  });

  it('every row not in plain agreement with its code gives its reasons, and CODE_TABLES shows both tables first', () => {
    expect(DARAJA_RESULT_CODES.R000001?.why).toMatch(/not reversed/);
    for (const table of [DARAJA_RESULT_CODES, DARAJA_ERROR_CODES]) {
      for (const mapping of Object.values(table)) if (mapping.status !== 'succeeded') expect(mapping.code).toBeDefined();
    }
    expect(CODE_TABLES.map(({ table }) => table).slice(0, 2)).toEqual([DARAJA_RESULT_CODES, DARAJA_ERROR_CODES]);
  });
});

describe('every documented ResultCode, delivered by callback over HTTP', () => {
  const scenarioWithResultCode = (code: string) =>
    Object.entries(DARAJA_RESULT_SCENARIOS).find(([, row]) => String(row.resultCode) === code)?.[0] as DarajaScenario | undefined;

  it('0 → succeeded', async () => {
    const provider = sim.provider();
    const { transactionId } = sim.daraja.addTransaction({ amount: 1 });
    await provider.reverse({ transactionId, amount: 1 });
    expect((await provider.parseCallback(await sim.callbackFor(transactionId))).status).toBe('succeeded');
  });

  for (const [code, expected] of Object.entries(resultExpectations).filter(([code]) => code !== '0')) {
    it(`${code} → ${expected.status}/${expected.code} (retryable: ${expected.retryable})`, async () => {
      const scenario = scenarioWithResultCode(code);
      expect(scenario, `the simulator has a scenario answering ${code}`).toBeDefined();
      const provider = sim.provider();
      const { transactionId } = sim.daraja.addTransaction({ amount: 200, scenario: scenario! });
      const pending = await provider.reverse({ transactionId, amount: 200, reference: `CODE${code}` });
      expect(pending.status).toBe('pending');
      const result = await provider.parseCallback(await sim.callbackFor(transactionId));
      expect(result).toMatchObject({
        status: expected.status,
        reference: `CODE${code}`,
        originalTransactionId: transactionId,
        error: { code: expected.code, providerCode: code, retryable: expected.retryable },
      });
      expect(result.reversalTransactionId).toBeUndefined();
    });
  }

  it('an unknown ResultCode → failed/PROCESSING_ERROR with the raw code kept', async () => {
    await sim.close();
    sim = await startSimulatedDaraja({ amountMismatch: { resultCode: 'R000099', resultDesc: 'Something new' } });
    const provider = sim.provider();
    const { transactionId } = sim.daraja.addTransaction({ amount: 200 });
    await provider.reverse({ transactionId, amount: 100 });
    const result = await provider.parseCallback(await sim.callbackFor(transactionId));
    expect(result).toMatchObject({
      status: 'failed',
      error: { code: 'PROCESSING_ERROR', providerCode: 'R000099', message: expect.stringContaining('Something new') },
    });
  });
});

describe('every documented errorCode, answered over HTTP', () => {
  it('400.002.02 → failed/INVALID_REQUEST, with Daraja’s message naming the field', async () => {
    // The simulator, like Daraja, limits Initiator; the adapter leaves that check to Daraja.
    const provider = sim.provider({ initiatorName: 'x'.repeat(65) });
    const { transactionId } = sim.daraja.addTransaction({ amount: 200 });
    const result = await provider.reverse({ transactionId, amount: 200 });
    expect(result).toMatchObject({
      status: 'failed',
      error: { code: 'INVALID_REQUEST', retryable: false, providerCode: '400.002.02' },
      metadata: { providerDescription: 'Bad Request - Invalid Initiator' },
      raw: { errorCode: '400.002.02', requestId: expect.any(String) },
    });
  });

  it('404.001.03 → refreshed once, then failed/AUTHENTICATION_FAILED', async () => {
    const provider = sim.provider();
    const before = sim.daraja.stats;
    const { transactionId } = sim.daraja.addTransaction({ amount: 200, scenario: 'invalid-token' });
    const result = await provider.reverse({ transactionId, amount: 200 });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'AUTHENTICATION_FAILED', retryable: false, providerCode: '404.001.03' } });
    expect(sim.daraja.stats.oauthRequests - before.oauthRequests).toBe(2);
    expect(sim.daraja.stats.reversalRequests - before.reversalRequests).toBe(2);
  });

  for (const [scenario, code] of Object.entries(DARAJA_SYNC_ERROR_SCENARIOS).filter(([, code]) => code !== '404.001.03')) {
    const expected = errorExpectations[code]!;
    it(`${code} → ${expected.status}/${expected.code} (retryable: ${expected.retryable})`, async () => {
      const provider = sim.provider();
      const { transactionId } = sim.daraja.addTransaction({ amount: 200, scenario: scenario as DarajaScenario });
      const result = await provider.reverse({ transactionId, amount: 200 });
      expect(result).toMatchObject({ status: expected.status, error: { code: expected.code, providerCode: code, retryable: expected.retryable } });
    });
  }

  it('every documented errorCode is exercised above', () => {
    const covered = new Set<string>([...Object.values(DARAJA_SYNC_ERROR_SCENARIOS), '400.002.02']);
    expect(Object.keys(errorExpectations).filter((code) => !covered.has(code))).toEqual([]);
  });
});
