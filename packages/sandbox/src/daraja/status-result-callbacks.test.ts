import { describe, expect, it } from 'vitest';
import refusedCaptured from './__fixtures__/transaction-status-result-2001-captured.json' with { type: 'json' };
import resultDocumented from './__fixtures__/transaction-status-result-documented.json' with { type: 'json' };
import { createLedger } from './ledger.js';
import { failedStatusCallback, statusResultCallback } from './status-result-callbacks.js';

// The simulator's Transaction Status results next to the documentation's example and a captured
// refusal: the same keys at every level, so a client tested here reads the real ones.

const ids = { originatorConversationId: '1236-7134259-1', conversationId: 'AG_20210709_1234409f86436c583e3f' };
const keys = (value: object) => Object.keys(value).sort();
const parameterKeys = (result: { ResultParameters?: { ResultParameter: Array<{ Key: string }> } }) =>
  new Set(result.ResultParameters?.ResultParameter.map((item) => item.Key));

describe('status result callbacks', () => {
  const record = {
    originatorConversationId: 'f1e2-4b95-a71d-b30d3cdbb7a7735297',
    conversationId: 'AG_20240629_2040165691b903e92930',
    originalTransactionId: 'SFT3AB1CDE',
    amount: '100.00',
    state: 'Completed' as const,
    receipt: 'SFT4CD2EFG',
    at: new Date('2024-06-29T15:43:02Z'),
    customer: '254700000000 - SIMULATED CUSTOMER',
  };

  it('a worked query has the documented keys (Result, ResultParameters, ReferenceData)', () => {
    const simulated = statusResultCallback(ids, 'OK', { kind: 'reversal', record }, '600992 - Simulated Merchant') as typeof resultDocumented;
    expect(keys(simulated.Result)).toEqual(keys(resultDocumented.Result));
    const documented = parameterKeys(resultDocumented.Result);
    documented.add('CreditPartyName'); // the documentation lists DebitPartyName twice; the second is the credit party
    expect(parameterKeys(simulated.Result)).toEqual(documented);
    expect(simulated.Result.TransactionID).toBe('SFT0000000');
  });

  it('a payment has the same keys (CreditPartyCharges in place of DebitPartyCharges)', () => {
    const transaction = createLedger(1).add({ transactionId: 'SFT3AB1CDE', amount: 100 });
    const simulated = statusResultCallback(ids, undefined, { kind: 'payment', transaction }, 'm') as typeof resultDocumented;
    expect(parameterKeys(simulated.Result)).toContain('ReceiptNo');
    expect(simulated.Result.ReferenceData).toEqual({ ReferenceItem: { Key: 'Occasion' } });
  });

  it('a failed query has the keys of the captured 2001 result, no ResultParameters', () => {
    const simulated = failedStatusCallback(ids, 'xf', { resultCode: 2001, resultDesc: 'The initiator information is invalid.' }) as typeof refusedCaptured;
    expect(keys(simulated.Result)).toEqual(keys(refusedCaptured.Result));
    expect(simulated.Result).toMatchObject({ ResultCode: 2001, ResultDesc: refusedCaptured.Result.ResultDesc, ReferenceData: refusedCaptured.Result.ReferenceData });
  });
});
