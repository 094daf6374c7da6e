import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveProviderReference } from '@reversal/core';
import { type DarajaSimulator, startDarajaSimulator, startVodacomMzSimulator, type VodacomMzSimulator } from '@reversal/sandbox';
import { createSafaricomKeProvider } from '@reversal/safaricom-ke';
import { createVodacomMzProvider } from '@reversal/vodacom-mz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedger } from './create-ledger.js';
import { createPgliteStore } from './pglite/create-pglite-store.js';
import { createMemoryLedgerStore } from './store/memory-store.js';

// The provider sees a reference derived from yours: two ledgers (two PGlite directories, as two
// working directories or two machines would have), or a ledger and a plain script, sending one
// reference meet the provider's own duplicate check. Over real HTTP against the simulators.
describe('the reference the provider sees', () => {
  let vodacom: VodacomMzSimulator;
  let daraja: DarajaSimulator;
  let directory: string;
  beforeAll(async () => {
    [vodacom, daraja] = await Promise.all([startVodacomMzSimulator({ keyBits: 2048 }), startDarajaSimulator({ callbackDelayMs: 1 })]);
    directory = await mkdtemp(join(tmpdir(), 'reversal-two-ledgers-'));
  });
  afterAll(async () => {
    await Promise.all([vodacom?.close(), daraja?.close()]);
    await rm(directory, { recursive: true, force: true });
  });
  const vodacomProvider = () => createVodacomMzProvider({ ...vodacom.providerOptions, timeoutMs: 10_000 });

  it('two ledgers in two directories, one reference: the payment is reversed once', { timeout: 120_000 }, async () => {
    const { transactionId } = vodacom.addTransaction({ amount: '40.00' });
    const providers = [vodacomProvider(), vodacomProvider()];
    const stores = await Promise.all(['one', 'two'].map((name) => createPgliteStore({ directory: join(directory, name) })));
    try {
      const [first, second] = stores.map((store, index) => createLedger({ store, provider: providers[index]! }));
      const reversal = { transactionId, amount: '40.00', reference: 'REFUND2001' };
      expect(await first!.reverse(reversal)).toMatchObject({ state: 'succeeded', attempts: [{ providerReference: 'REFUND2001' }] });
      // The second ledger knows nothing of the first; Vodacom refuses the same reference (INS-10).
      const doubted = await second!.reverse(reversal);
      expect(doubted).toMatchObject({ state: 'unknown', result: { status: 'unknown', error: { code: 'DUPLICATE_REQUEST' } } });
      expect(vodacom.transaction(transactionId)).toMatchObject({ reversed: '40.00', remaining: '0.00' });
      // Its status check finds the first ledger's reversal: the second ledger says succeeded too, and sends nothing more.
      const report = await second!.reconcile({ olderThanMs: 0 });
      expect(report.checked).toEqual([expect.objectContaining({ reference: 'REFUND2001', after: 'succeeded' })]);
      const reversals = vodacom.requests().filter((request) => request.operation === 'reversal' && JSON.stringify(request.body).includes(transactionId));
      expect(reversals).toHaveLength(2);
      expect(vodacom.transaction(transactionId)).toMatchObject({ reversed: '40.00' });
    } finally {
      await Promise.all([...stores.map((store) => store.close()), ...providers.map((provider) => provider.close?.())]);
    }
  });

  it('a ledger and a plain script sending one reference: one reversal', async () => {
    const provider = vodacomProvider();
    const { transactionId } = vodacom.addTransaction({ amount: '15.00' });
    const script = await provider.reverse({ transactionId, amount: '15.00', reference: 'SCRIPTED1' });
    expect(script.status).toBe('succeeded');
    const ledger = createLedger({ store: createMemoryLedgerStore(), provider });
    expect(await ledger.reverse({ transactionId, amount: '15.00', reference: 'SCRIPTED1' })).toMatchObject({ state: 'unknown' });
    expect(vodacom.transaction(transactionId)).toMatchObject({ reversed: '15.00' });
    await provider.close?.();
  });

  it('gives each attempt its own reference, a pure function of provider, reference and attempt', async () => {
    const provider = vodacomProvider();
    const ledger = createLedger({ store: createMemoryLedgerStore(), provider });
    const { transactionId } = vodacom.addTransaction({ amount: '10.00' });
    vodacom.addScenario({ transactionId, responseCode: 'INS-16' });
    const refused = await ledger.reverse({ transactionId, amount: '10.00', reference: 'RETRIED1' });
    expect(refused.state).toMatch(/failed|retryable/);
    const retried = await ledger.retry('RETRIED1');
    const expected = deriveProviderReference({ provider: 'vodacom-mz', reference: 'RETRIED1', attempt: 2, format: provider.requestRules?.reference });
    expect(retried.attempts.map((attempt) => attempt.providerReference)).toEqual(['RETRIED1', expected]);
    expect(expected).toMatch(/^[A-Z0-9]{20}$/);
    await provider.close?.();
  });

  it('validates with the provider’s own rules before recording: a bad KES amount leaves no entry', async () => {
    const provider = createSafaricomKeProvider({
      ...daraja.providerOptions,
      resultUrl: 'http://127.0.0.1:9/mpesa/reversal/result',
      callbackSecret: 'provider-references-test-secret-0123456789',
      timeoutMs: 10_000,
    });
    const ledger = createLedger({ store: createMemoryLedgerStore(), provider });
    const { transactionId } = daraja.addTransaction({ amount: '200' });
    await expect(ledger.reverse({ transactionId, amount: '200.50', reference: 'KESREF1' })).rejects.toMatchObject({
      name: 'ReversalValidationError',
      issues: [{ field: 'amount', message: expect.stringContaining('whole units') }],
    });
    expect(await ledger.get('KESREF1')).toBeUndefined();
    // The corrected request goes through under the same reference.
    await expect(ledger.reverse({ transactionId, amount: '200', reference: 'KESREF1' })).resolves.toMatchObject({ state: 'pending' });
    await provider.close?.();
  });
});
