import type { ReversalProvider } from '@reversal/core';
import { isValidReference, ReversalValidationError } from '@reversal/core';
import type { VodacomMzSimulator } from '@reversal/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerFor, startSimulator } from './test-helpers/simulator.js';
import type { VodacomMzMetadata } from './metadata.js';

let simulator: VodacomMzSimulator;
let provider: ReversalProvider<VodacomMzMetadata>;

beforeAll(async () => {
  simulator = await startSimulator();
  provider = providerFor(simulator);
});
afterAll(async () => {
  await provider.close?.();
  await simulator.close();
});

const lastRequest = () => simulator.requests().at(-1)!;

describe('checkStatus() through the Query Transaction Status API', () => {
  it('resolves a timed-out reversal: unknown first, then succeeded', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '75.00' });
    simulator.addScenario({ transactionId, delayMs: 5_000 });
    const result = await provider.reverse({ transactionId, amount: '25.00', reference: 'SLOW1' }, { timeoutMs: 300 });
    expect(result).toMatchObject({ status: 'unknown', reference: 'SLOW1', error: { code: 'TIMEOUT', retryable: false } });

    const settled = await provider.checkStatus!(result);
    expect(settled).toMatchObject({
      status: 'succeeded',
      reference: 'SLOW1',
      originalTransactionId: transactionId,
      metadata: { responseCode: 'INS-0', transactionStatus: 'Completed', httpStatus: 200 },
    });
    // The status answer's conversation id is the query's, not the reversal's: not taken.
    expect(settled.conversationId).toBeUndefined();
    expect(settled.providerRequestId).toBe('SLOW1');

    const query = lastRequest();
    expect(query).toMatchObject({ operation: 'status', method: 'GET', path: '/ipg/v1x/queryTransactionStatus/' });
    expect(query.query.input_QueryReference).toBe('SLOW1');
    expect(query.query.input_ServiceProviderCode).toBe(simulator.serviceProviderCode);
    expect(isValidReference(query.query.input_ThirdPartyReference)).toBe(true);
    expect(query.headers.authorization).toMatch(/^Bearer /);
  });

  it.each(['INS-1', 'INS-23'])('settles a reversal the gateway applied but answered %s for', async (code) => {
    const { transactionId } = simulator.addTransaction({ amount: '40.00' });
    simulator.addScenario({ transactionId, responseCode: code, apply: true });
    const result = await provider.reverse({ transactionId });
    expect(result).toMatchObject({ status: 'unknown', error: { providerCode: code } });
    expect(result.conversationId).toBeDefined();

    const settled = await provider.checkStatus!(result);
    expect(lastRequest().query.input_QueryReference).toBe(result.providerRequestId);
    expect(settled).toMatchObject({ status: 'succeeded', originalTransactionId: transactionId, conversationId: result.conversationId });
  });

  it('settles an INS-10 duplicate by its reference, not by the refused duplicate\'s conversation id', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '30.00' });
    const first = await provider.reverse({ transactionId, amount: '30.00', reference: 'TWICE1' });
    expect(first.status).toBe('succeeded');
    // The caller lost the first answer and sends the same request again, as the docs advise.
    const repeated = await provider.reverse({ transactionId, amount: '30.00', reference: 'TWICE1' });
    expect(repeated).toMatchObject({ status: 'unknown', providerRequestId: 'TWICE1', error: { code: 'DUPLICATE_REQUEST' } });
    expect(repeated.conversationId).toBeDefined();
    expect(repeated.conversationId).not.toBe(first.conversationId);

    const settled = await provider.checkStatus!(repeated);
    expect(lastRequest().query.input_QueryReference).toBe('TWICE1');
    expect(settled).toMatchObject({ status: 'succeeded', reference: 'TWICE1', originalTransactionId: transactionId });
    expect(simulator.transaction(transactionId)?.reversed).toBe('30.00');
  });

  it('queries by the provider request id, else the reference, when there is no reversal transaction id', async () => {
    simulator.addScenario({ operation: 'status', reference: 'ATTEMPT2', transactionStatus: 'Pending' });
    const byAttempt = await provider.checkStatus!({ reference: 'ORDER2', providerRequestId: 'ATTEMPT2', originalTransactionId: 'ABCDEF1234', conversationId: 'c0ffee' });
    expect(lastRequest().query.input_QueryReference).toBe('ATTEMPT2');
    expect(byAttempt).toMatchObject({ status: 'pending', reference: 'ORDER2', providerRequestId: 'ATTEMPT2', conversationId: 'c0ffee' });

    await provider.checkStatus!({ reference: 'ORDER3', originalTransactionId: 'ABCDEF1234', conversationId: 'c0ffee' });
    expect(lastRequest().query.input_QueryReference).toBe('ORDER3');
  });

  it('queries by the reversal transaction id when the result has one', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '10.00' });
    const result = await provider.reverse({ transactionId });
    const settled = await provider.checkStatus!(result);
    expect(lastRequest().query.input_QueryReference).toBe(result.reversalTransactionId);
    expect(settled).toMatchObject({ status: 'succeeded', reversalTransactionId: result.reversalTransactionId });
  });

  it('reports a cancelled reversal as failed, retryable', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '10.00' });
    simulator.addScenario({ operation: 'status', reference: 'CANCEL1', transactionStatus: 'Cancelled' });
    const settled = await provider.checkStatus!({ reference: 'CANCEL1', originalTransactionId: transactionId });
    expect(settled).toMatchObject({
      status: 'failed',
      error: { code: 'PROCESSING_ERROR', providerCode: 'Cancelled', retryable: true },
      metadata: { transactionStatus: 'Cancelled' },
    });
  });

  it('leaves a reversal Vodacom has no status for ("N/A") unknown', async () => {
    const settled = await provider.checkStatus!({ reference: 'NEVERSENT1', originalTransactionId: 'ABCDEF1234' });
    expect(settled).toMatchObject({ status: 'unknown', error: { providerCode: 'N/A', retryable: false } });
    expect(settled.status === 'unknown' && settled.error.message).toContain('same reference');
  });

  it('reports a pending transaction status as pending', async () => {
    simulator.addScenario({ operation: 'status', reference: 'PEND1', transactionStatus: 'Pending' });
    expect((await provider.checkStatus!({ reference: 'PEND1', originalTransactionId: 'ABCDEF1234' })).status).toBe('pending');
  });

  it.each([
    ['INS-2', 'AUTHENTICATION_FAILED'],
    ['INS-16', 'RATE_LIMITED'],
    ['INS-1', 'PROCESSING_ERROR'],
  ] as const)('keeps the reversal unknown when the query itself fails with %s', async (code, normalised) => {
    simulator.addScenario({ operation: 'status', reference: 'QFAIL1', responseCode: code });
    const settled = await provider.checkStatus!({ reference: 'QFAIL1', originalTransactionId: 'ABCDEF1234' });
    expect(settled).toMatchObject({ status: 'unknown', error: { code: normalised, providerCode: code, retryable: false } });
  });

  it('keeps the reversal unknown when the query gets no usable answer', async () => {
    simulator.addScenario({ operation: 'status', reference: 'QBAD1', malformedHeader: true });
    const malformed = await provider.checkStatus!({ reference: 'QBAD1', originalTransactionId: 'ABCDEF1234' });
    expect(malformed).toMatchObject({ status: 'unknown', error: { retryable: false } });

    const gone = await startSimulator();
    await gone.close();
    const unreachable = providerFor(gone);
    const result = await unreachable.checkStatus!({ reference: 'QGONE1', originalTransactionId: 'ABCDEF1234' });
    await unreachable.close?.();
    // Not reaching the status API says nothing about the reversal: unknown, not failed.
    expect(result).toMatchObject({ status: 'unknown', error: { code: 'PROVIDER_UNAVAILABLE', providerCode: 'ECONNREFUSED' } });
  });

  it('refuses a query without reference or original transaction id before sending', async () => {
    const before = simulator.requests().length;
    await expect(provider.checkStatus!({ reference: 'bad ref', originalTransactionId: '' })).rejects.toSatisfy(
      (error) =>
        ReversalValidationError.isInstance(error) &&
        error.issues.map((issue) => issue.field).join() === 'reference,originalTransactionId',
    );
    expect(simulator.requests().length).toBe(before);
  });
});
