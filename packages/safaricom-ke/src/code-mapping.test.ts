import { DARAJA_RESULT_SCENARIOS, DARAJA_SYNC_ERROR_SCENARIOS, type DarajaScenario } from '@reversal/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DARAJA_ERROR_CODES } from './error-codes.js';
import { DARAJA_RESULT_CODES } from './result-codes.js';
import { type SimulatedDaraja, startSimulatedDaraja } from './test-helpers/simulated-daraja.js';

let sim: SimulatedDaraja;
beforeAll(async () => {
  sim = await startSimulatedDaraja();
});
afterAll(() => sim.close());

const scenarioWithResultCode = (code: string) =>
  Object.entries(DARAJA_RESULT_SCENARIOS).find(([, row]) => String(row.resultCode) === code)?.[0] as DarajaScenario | undefined;

describe('every ResultCode of seed 000, delivered by callback', () => {
  it('0 → succeeded', async () => {
    const provider = sim.provider();
    const { transactionId } = sim.daraja.addTransaction({ amount: 1 });
    await provider.reverse({ transactionId, amount: 1 });
    expect((await provider.parseCallback(await sim.callbackFor(transactionId))).status).toBe('succeeded');
  });

  for (const [code, mapping] of Object.entries(DARAJA_RESULT_CODES).filter(([code]) => code !== '0')) {
    it(`${code} → ${mapping.status}/${mapping.code} (retryable: ${mapping.retryable})`, async () => {
      const scenario = scenarioWithResultCode(code);
      expect(scenario, `the simulator has a scenario answering ${code}`).toBeDefined();
      const provider = sim.provider();
      const { transactionId } = sim.daraja.addTransaction({ amount: 200, scenario: scenario! });
      const pending = await provider.reverse({ transactionId, amount: 200, reference: `CODE${code}` });
      expect(pending.status).toBe('pending');
      const result = await provider.parseCallback(await sim.callbackFor(transactionId));
      expect(result).toMatchObject({
        status: mapping.status,
        reference: `CODE${code}`,
        originalTransactionId: transactionId,
        error: { code: mapping.code, providerCode: code, retryable: mapping.retryable },
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

describe('every synchronous errorCode of seed 000', () => {
  it('400.002.02 → failed/INVALID_REQUEST, with Daraja’s message naming the field', async () => {
    // The simulator, like Daraja, limits Initiator; the adapter leaves that check to Daraja.
    const provider = sim.provider({ initiatorName: 'x'.repeat(65) });
    const { transactionId } = sim.daraja.addTransaction({ amount: 200 });
    const result = await provider.reverse({ transactionId, amount: 200 });
    expect(result).toMatchObject({
      status: 'failed',
      error: { code: 'INVALID_REQUEST', providerCode: '400.002.02', retryable: false },
      metadata: { providerDescription: 'Bad Request - Invalid Initiator' },
      raw: { errorCode: '400.002.02', requestId: expect.any(String) },
    });
  });

  it('404.001.03 → refreshed once, then failed/AUTHENTICATION_FAILED', async () => {
    const provider = sim.provider();
    const before = sim.daraja.stats;
    const { transactionId } = sim.daraja.addTransaction({ amount: 200, scenario: 'invalid-token' });
    const result = await provider.reverse({ transactionId, amount: 200 });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'AUTHENTICATION_FAILED', providerCode: '404.001.03' } });
    expect(sim.daraja.stats.oauthRequests - before.oauthRequests).toBe(2);
    expect(sim.daraja.stats.reversalRequests - before.reversalRequests).toBe(2);
  });

  for (const [scenario, code] of Object.entries(DARAJA_SYNC_ERROR_SCENARIOS).filter(([, code]) => code !== '404.001.03')) {
    const mapping = DARAJA_ERROR_CODES[code]!;
    it(`${code} → ${mapping.status}/${mapping.code} (retryable: ${mapping.retryable})`, async () => {
      const provider = sim.provider();
      const { transactionId } = sim.daraja.addTransaction({ amount: 200, scenario: scenario as DarajaScenario });
      const result = await provider.reverse({ transactionId, amount: 200 });
      expect(result).toMatchObject({
        status: mapping.status,
        error: { code: mapping.code, providerCode: code, retryable: mapping.retryable },
      });
    });
  }

  it('every error-code row is exercised above', () => {
    const covered = new Set([...Object.values(DARAJA_SYNC_ERROR_SCENARIOS), '400.002.02']);
    expect(Object.keys(DARAJA_ERROR_CODES).filter((code) => !covered.has(code as never))).toEqual([]);
  });
});
