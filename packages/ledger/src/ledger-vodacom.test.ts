import { startVodacomMzSimulator, type VodacomMzSimulator } from '@reversal/sandbox';
import { createVodacomMzProvider } from '@reversal/vodacom-mz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedger } from './create-ledger.js';
import { attemptStatusQuery } from './model/attempt-status-query.js';
import { createMemoryLedgerStore } from './store/memory-store.js';

// The ledger over a real adapter, over real HTTP, against the Vodacom Mozambique simulator.
describe('ledger over the Vodacom Mozambique adapter', () => {
  let simulator: VodacomMzSimulator;
  beforeAll(async () => {
    simulator = await startVodacomMzSimulator({ keyBits: 2048 });
  });
  afterAll(() => simulator?.close());

  const setUp = () => {
    const provider = createVodacomMzProvider({ ...simulator.providerOptions, timeoutMs: 10_000 });
    return { provider, ledger: createLedger({ store: createMemoryLedgerStore(), provider }) };
  };
  const reversalsOf = (transactionId: string) =>
    simulator.requests().filter(
      (request) => request.operation === 'reversal' && (request.body as Record<string, unknown>)?.input_TransactionID === transactionId,
    );

  it('sends one request per attempt, under the attempt reference, and none for a repeated reference', async () => {
    const { ledger } = setUp();
    const { transactionId } = simulator.addTransaction({ amount: '150.00' });
    const entry = await ledger.reverse({ transactionId, amount: '150.00', reference: 'ORDERMZ1' });
    expect(entry.state).toBe('succeeded');
    expect(await ledger.reverse({ transactionId, amount: '150.00', reference: 'ORDERMZ1' })).toMatchObject({ state: 'succeeded' });
    const sent = reversalsOf(transactionId);
    expect(sent).toHaveLength(1);
    expect((sent[0]!.body as Record<string, unknown>).input_ThirdPartyReference).toBe(entry.attempts[0]!.providerReference);
  });

  it('never reads Vodacom\'s INS-10 (duplicate) as "not reversed"', async () => {
    const { ledger } = setUp();
    const { transactionId } = simulator.addTransaction({ amount: '20.00' });
    simulator.addScenario({ transactionId, responseCode: 'INS-10' });
    const entry = await ledger.reverse({ transactionId, amount: '20.00', reference: 'ORDERMZ2' });
    expect(entry).toMatchObject({ state: 'unknown', attempts: [{ state: 'duplicate', answers: [{ code: 'DUPLICATE_REQUEST' }] }] });
    await expect(ledger.retry('ORDERMZ2')).rejects.toMatchObject({ code: 'ERR_LEDGER_NOT_RETRYABLE' });
    expect(reversalsOf(transactionId)).toHaveLength(1);
  });

  it('keeps a success when a status check of its attempt is recorded', async () => {
    const { provider, ledger } = setUp();
    const { transactionId } = simulator.addTransaction({ amount: '30.00' });
    const entry = await ledger.reverse({ transactionId, amount: '30.00', reference: 'ORDERMZ4' });
    const status = await provider.checkStatus!(attemptStatusQuery(entry, entry.attempts[0]!));
    const recorded = await ledger.record(status, 'status');
    expect(recorded).toMatchObject({ state: 'succeeded', attempts: [{ state: 'succeeded' }] });
    expect(recorded?.attempts[0]?.answers.map((answer) => answer.source)).toEqual(['reverse', 'status']);
  });
});
