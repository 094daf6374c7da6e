import { DARAJA_STATUS_SYNC_ERROR_SCENARIOS, type DarajaStatusScenario } from '@reversal/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import documentedCodes from './__fixtures__/transaction-status-codes.json' with { type: 'json' };
import documentedResult from './__fixtures__/transaction-status-result-documented.json' with { type: 'json' };
import legacyResult from './__fixtures__/transaction-status-result-legacy-keys.json' with { type: 'json' };
import { CODE_TABLES } from './code-tables.js';
import { DARAJA_STATUS_ERROR_CODES, DARAJA_STATUS_RESULT_CODES, DARAJA_TRANSACTION_STATES } from './codes/status-codes.js';
import { startScriptedDaraja } from './test-helpers/scripted-daraja.js';
import { type SimulatedDaraja, startSimulatedDaraja, statusCallbackFor } from './test-helpers/simulated-daraja.js';

type Expectation = { status: string; code?: string };

// Written from the Transaction Status page (https://developer.safaricom.co.ke/apis/TransactionStatus)
// and the rule "never upgrade certainty without evidence", not from the tables: a change to a table
// must change this too. Nothing here is retryable: `retryable` is about sending the reversal again.
const stateExpectations: Record<string, Expectation> = {
  Completed: { status: 'succeeded' },
  // Final states other than Completed: not applied.
  Cancelled: { status: 'failed', code: 'PROCESSING_ERROR' },
  Declined: { status: 'failed', code: 'PROCESSING_ERROR' },
  Expired: { status: 'failed', code: 'TIMEOUT' },
  // Not final: no evidence.
  Initiated: { status: 'unknown', code: 'TIMEOUT' },
  Authorized: { status: 'unknown', code: 'TIMEOUT' },
  'Pending Authorized': { status: 'unknown', code: 'TIMEOUT' },
};
// A failed query is no evidence about the reversal: it stays unknown.
const resultCodeExpectations: Record<string, Expectation> = {
  '2001': { status: 'unknown', code: 'PERMISSION_DENIED' },
  SFC_IC0003: { status: 'unknown', code: 'AUTHENTICATION_FAILED' },
};
const errorExpectations: Record<string, Expectation> = {
  '400.003.01': { status: 'unknown', code: 'AUTHENTICATION_FAILED' },
  '404.001.03': { status: 'unknown', code: 'AUTHENTICATION_FAILED' },
  '404.001.04': { status: 'unknown', code: 'AUTHENTICATION_FAILED' },
  '400.003.02': { status: 'unknown', code: 'INVALID_REQUEST' },
  '400.002.05': { status: 'unknown', code: 'INVALID_REQUEST' },
  '404.003.01': { status: 'unknown', code: 'INVALID_REQUEST' },
  '500.003.1001': { status: 'unknown', code: 'PROCESSING_ERROR' },
  '500.003.02': { status: 'unknown', code: 'RATE_LIMITED' },
  '500.003.03': { status: 'unknown', code: 'RATE_LIMITED' },
};

let sim: SimulatedDaraja;
beforeAll(async () => {
  sim = await startSimulatedDaraja();
});
afterAll(() => sim.close());

const without = <T extends object>(value: T) => {
  const { _source: _, ...rest } = value as T & { _source?: string };
  return rest;
};

describe('the status tables hold exactly the documented codes', () => {
  it('DARAJA_TRANSACTION_STATES: the states of the FAQ', () => {
    const documented = documentedCodes.documented_transaction_states_faq.flatMap((state) => state.split(' / '));
    expect(Object.keys(DARAJA_TRANSACTION_STATES).sort()).toEqual(documented.sort());
    expect(Object.keys(stateExpectations).sort()).toEqual(documented.sort());
  });

  it('DARAJA_STATUS_RESULT_CODES: the documented result codes besides 0, and 2001 as captured', () => {
    const documented = [...Object.keys(documentedCodes.result_codes).filter((code) => code !== '0'), '2001'];
    expect(Object.keys(DARAJA_STATUS_RESULT_CODES).sort()).toEqual(documented.sort());
    expect(Object.keys(resultCodeExpectations).sort()).toEqual(documented.sort());
  });

  it('DARAJA_STATUS_ERROR_CODES: the documented error codes, and 404.001.03 as captured', () => {
    const documented = [...Object.keys(documentedCodes.error_codes), '404.001.03'];
    expect(Object.keys(DARAJA_STATUS_ERROR_CODES).sort()).toEqual(documented.sort());
    expect(Object.keys(errorExpectations).sort()).toEqual(documented.sort());
  });

  it('rows agree with the expectations; none is retryable; judgement calls give reasons; CODE_TABLES shows them', () => {
    for (const [table, expectations] of [
      [DARAJA_TRANSACTION_STATES, stateExpectations],
      [DARAJA_STATUS_RESULT_CODES, resultCodeExpectations],
      [DARAJA_STATUS_ERROR_CODES, errorExpectations],
    ] as const) {
      for (const [code, mapping] of Object.entries(table)) {
        expect({ status: mapping.status, code: mapping.code }, code).toEqual(expectations[code]);
        expect(mapping.retryable, code).toBe(false);
      }
    }
    for (const state of ['Cancelled', 'Declined', 'Expired', 'Initiated']) expect(DARAJA_TRANSACTION_STATES[state]?.why).toBeDefined();
    expect(DARAJA_STATUS_RESULT_CODES['2001']?.description).toMatch(/Transaction Status query ORG API/);
    expect(CODE_TABLES.map(({ name }) => name)).toEqual(
      expect.arrayContaining(['DARAJA_TRANSACTION_STATES', 'DARAJA_STATUS_RESULT_CODES', 'DARAJA_STATUS_ERROR_CODES']),
    );
  });
});

/** A reversal whose callback was lost and the status query for it, ready for a status callback. */
async function queriedReversal(reference: string, statusScenario: DarajaStatusScenario = 'answer', scenario: 'no-callback' | 'insufficient-funds' | 'queue-timeout' = 'no-callback') {
  const provider = sim.provider();
  const { transactionId } = sim.daraja.addTransaction({ amount: 300, scenario, statusScenario });
  const reversed = await provider.reverse({ transactionId, amount: 300, reference });
  const checked = await provider.checkStatus({ ...reversed, status: 'unknown' });
  return { provider, transactionId, reversed, checked };
}

describe('every TransactionStatus, in a status result for the reversal', () => {
  it('the simulator’s own answers: Completed (applied), Declined (refused), Expired (timed out unapplied)', async () => {
    for (const [scenario, state] of [['no-callback', 'Completed'], ['insufficient-funds', 'Declined'], ['queue-timeout', 'Expired']] as const) {
      const reference = `STATE${state.toUpperCase()}`;
      const { provider } = await queriedReversal(reference, 'answer', scenario);
      const result = await provider.parseCallback(await statusCallbackFor(sim, reference));
      const expected = stateExpectations[state]!;
      expect(result, state).toMatchObject({ status: expected.status, metadata: { transactionStatus: state } });
      if (expected.code) expect(result).toMatchObject({ error: { code: expected.code, providerCode: state, retryable: false } });
    }
  });

  // The documentation's own result body, about this reversal, on the genuine status callback URL.
  for (const [state, expected] of Object.entries(stateExpectations)) {
    it(`the documented body with TransactionStatus ${state} → ${expected.status}${expected.code ? `/${expected.code}` : ''}`, async () => {
      const reference = `DOC${state.replace(/\W/g, '').toUpperCase()}`.slice(0, 20);
      const { provider, reversed } = await queriedReversal(reference, 'no-callback');
      const genuine = await statusCallbackUrl(reference);
      const body = without(structuredClone(documentedResult));
      for (const item of body.Result.ResultParameters.ResultParameter) {
        if (item.Key === 'TransactionStatus') item.Value = state;
        if (item.Key === 'OriginatorConversationID') item.Value = reversed.providerRequestId!;
      }
      const result = await provider.parseCallback({ url: genuine, body: JSON.stringify(body) });
      expect(result).toMatchObject({ status: expected.status, reference, providerRequestId: reversed.providerRequestId });
      if (expected.status === 'succeeded') expect(result).toMatchObject({ reversalTransactionId: 'MBN31H462N', amount: { value: '300.00' } });
      if (expected.code) expect(result).toMatchObject({ error: { code: expected.code } });
    });
  }

  it('the 2017 documentation body (keys with spaces, numbers) identifies the reversal too', async () => {
    const { provider, reversed } = await queriedReversal('DOCLEGACY', 'no-callback');
    const body = without(structuredClone(legacyResult));
    for (const item of body.Result.ResultParameters.ResultParameter) {
      if (item.Key === 'Originator Conversation ID') item.Value = reversed.providerRequestId!;
    }
    const result = await provider.parseCallback({ url: await statusCallbackUrl('DOCLEGACY'), body: JSON.stringify(body) });
    expect(result).toMatchObject({ status: 'succeeded', reversalTransactionId: 'LGR919G2AV', amount: { value: '10.00' } });
  });
});

/** The ResultURL of the last status query of `reference`, as the simulator received it. */
async function statusCallbackUrl(reference: string): Promise<string> {
  const sent = sim.daraja.statusQueries().findLast((query) => query.validated?.Occasion === reference)?.validated;
  if (!sent) throw new Error(`no status query for ${reference}`);
  return sent.ResultURL;
}

describe('every status ResultCode other than 0, by callback over HTTP: the reversal stays unknown', () => {
  for (const [scenario, code] of [['initiator-invalid', '2001'], ['operator-not-found', 'SFC_IC0003']] as const) {
    it(`${code} → unknown/${resultCodeExpectations[code]!.code}`, async () => {
      const reference = `RC${code.replace(/[^A-Za-z0-9]/g, '')}`;
      const { provider } = await queriedReversal(reference, scenario);
      expect(await provider.parseCallback(await statusCallbackFor(sim, reference))).toMatchObject({
        status: 'unknown',
        error: { code: resultCodeExpectations[code]!.code, providerCode: code, retryable: false },
      });
    });
  }

  it('an unknown ResultCode → unknown/PROCESSING_ERROR with the raw code kept', async () => {
    const other = await startSimulatedDaraja({ statusNotFound: { resultCode: 'TS999', resultDesc: 'Something new' } });
    try {
      const provider = other.provider();
      await provider.checkStatus({ reference: 'RCUNKNOWN', originalTransactionId: 'QQQ1234567', providerRequestId: 'never-issued-1', status: 'unknown' });
      expect(await provider.parseCallback(await statusCallbackFor(other, 'RCUNKNOWN'))).toMatchObject({
        status: 'unknown',
        error: { code: 'PROCESSING_ERROR', providerCode: 'TS999', message: expect.stringContaining('Something new') },
      });
    } finally {
      await other.close();
    }
  });
});

describe('every status errorCode, answered to checkStatus over HTTP: the reversal stays unknown', () => {
  for (const [scenario, code] of Object.entries(DARAJA_STATUS_SYNC_ERROR_SCENARIOS)) {
    const expected = errorExpectations[code]!;
    it(`${code} → ${expected.status}/${expected.code}`, async () => {
      const { checked } = await queriedReversal(`ERR${code.replace(/\D/g, '')}`.slice(0, 20), scenario as DarajaStatusScenario);
      expect(checked).toMatchObject({ status: 'unknown', error: { code: expected.code, providerCode: code, retryable: false } });
      expect(checked.metadata.statusQuery).toMatchObject({ sent: false, providerCode: code });
    });
  }

  it('404.001.03 twice (a fresh token refused too) → unknown/AUTHENTICATION_FAILED', async () => {
    const scripted = await startScriptedDaraja();
    try {
      scripted.answer('/mpesa/transactionstatus/v1/query', () => ({
        status: 404,
        body: JSON.stringify({ requestId: '1-2-3', errorCode: '404.001.03', errorMessage: 'Invalid Access Token' }),
      }));
      const provider = sim.provider({ baseUrl: scripted.url });
      const checked = await provider.checkStatus({ reference: 'ERR40400103', originalTransactionId: 'QQQ1234567', providerRequestId: 'x-1', status: 'unknown' });
      expect(checked).toMatchObject({ status: 'unknown', error: { code: 'AUTHENTICATION_FAILED', providerCode: '404.001.03' } });
      expect(scripted.requests.filter((request) => request.url.startsWith('/mpesa/transactionstatus'))).toHaveLength(2);
    } finally {
      await scripted.close();
    }
  });

  it('every documented errorCode is exercised above', () => {
    const covered = new Set<string>([...Object.values(DARAJA_STATUS_SYNC_ERROR_SCENARIOS), '404.001.03']);
    expect(Object.keys(errorExpectations).filter((code) => !covered.has(code))).toEqual([]);
  });
});
