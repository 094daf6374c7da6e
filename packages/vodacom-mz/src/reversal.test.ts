import type { ReversalProvider } from '@reversal/core';
import { ReversalValidationError } from '@reversal/core';
import type { VodacomMzSimulator } from '@reversal/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerFor, startSimulator } from './test-helpers/simulator.js';
import type { VodacomMzMetadata } from './metadata.js';

let simulator: VodacomMzSimulator;
let provider: ReversalProvider<VodacomMzMetadata>;

beforeAll(async () => {
  // Vodacom's keys are 4096-bit: this file uses one, so the token has the real size.
  simulator = await startSimulator({ keyBits: 4096 });
  provider = providerFor(simulator);
});
afterAll(async () => {
  await provider.close?.();
  await simulator.close();
});

const lastRequest = () => simulator.requests().at(-1)!;

describe('reverse() against the Vodacom Mozambique simulator', () => {
  it('reverses a whole payment when no amount is given, sending no input_ReversalAmount', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '1250.75' });
    const result = await provider.reverse({ transactionId, reference: 'FULL1' });

    expect(result).toMatchObject({
      status: 'succeeded',
      provider: 'vodacom-mz',
      reference: 'FULL1',
      originalTransactionId: transactionId,
      metadata: { httpStatus: 201, responseCode: 'INS-0', responseDescription: 'Request processed successfully' },
    });
    expect(result.reversalTransactionId).toMatch(/^[A-Z0-9]{10}$/);
    expect(result.conversationId).toMatch(/^[0-9a-f]{32}$/);
    expect(result.amount).toBeUndefined();
    // The id Vodacom knows the request by: the input_ThirdPartyReference sent.
    expect(result.providerRequestId).toBe('FULL1');
    expect(simulator.transaction(transactionId)).toMatchObject({ reversed: '1250.75', remaining: '0.00' });

    const sent = lastRequest();
    expect(sent).toMatchObject({ operation: 'reversal', method: 'PUT', path: '/ipg/v1x/reversal/' });
    expect(sent.body).toEqual({
      input_TransactionID: transactionId,
      input_SecurityCredential: simulator.securityCredential,
      input_InitiatorIdentifier: simulator.initiatorIdentifier,
      input_ThirdPartyReference: 'FULL1',
      input_ServiceProviderCode: simulator.serviceProviderCode,
    });
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.headers.origin).toBe('developer.mpesa.vm.co.mz');
    expect(sent.headers.authorization).toMatch(/^Bearer [A-Za-z0-9+/]{683}=$/);
  });

  it('reverses part of a payment with input_ReversalAmount as a two-decimal string, never above the original', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '100.00' });
    const first = await provider.reverse({ transactionId, amount: '40.1' });
    expect(first).toMatchObject({ status: 'succeeded', amount: { value: '40.10', currency: 'MZN' } });
    expect((lastRequest().body as Record<string, unknown>).input_ReversalAmount).toBe('40.10');

    const second = await provider.reverse({ transactionId, amount: 59.9 });
    expect(second).toMatchObject({ status: 'succeeded', amount: { value: '59.90', currency: 'MZN' } });

    const third = await provider.reverse({ transactionId, amount: '0.01' });
    expect(third).toMatchObject({
      status: 'failed',
      amount: { value: '0.01', currency: 'MZN' },
      error: { code: 'INVALID_AMOUNT', providerCode: 'INS-15', retryable: false },
    });
    expect(simulator.transaction(transactionId)).toMatchObject({ reversed: '100.00', remaining: '0.00' });
  });

  it('reverses what remains with a full reversal after a partial one', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '30.00' });
    await provider.reverse({ transactionId, amount: '10.00' });
    expect((await provider.reverse({ transactionId })).status).toBe('succeeded');
    expect(simulator.transaction(transactionId)?.remaining).toBe('0.00');
  });

  it('reports a repeated reference (INS-10) as unknown DUPLICATE_REQUEST, never failed, and reverses nothing more', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '50.00' });
    expect((await provider.reverse({ transactionId, amount: '5.00', reference: 'DUP1' })).status).toBe('succeeded');
    const repeated = await provider.reverse({ transactionId, amount: '5.00', reference: 'DUP1' });
    expect(repeated).toMatchObject({
      status: 'unknown',
      providerRequestId: 'DUP1',
      error: { code: 'DUPLICATE_REQUEST', providerCode: 'INS-10', retryable: false },
    });
    const message = repeated.status === 'unknown' ? repeated.error.message : '';
    expect(message).toContain('reversal status');
    expect(message).toContain('checkStatus()');
    expect(message).not.toContain('Nothing was reversed');
    expect(simulator.transaction(transactionId)?.reversed).toBe('5.00');
  });

  it('computes the bearer token once per provider instance', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '9.00' });
    await provider.reverse({ transactionId, amount: '1.00' });
    const firstToken = lastRequest().headers.authorization;
    await provider.reverse({ transactionId, amount: '1.00' });
    expect(lastRequest().headers.authorization).toBe(firstToken);
  });

  it('answers AUTHENTICATION_FAILED when the API key is wrong', async () => {
    const wrong = providerFor(simulator, { apiKey: 'not-the-api-key' });
    const { transactionId } = simulator.addTransaction({ amount: '9.00' });
    const result = await wrong.reverse({ transactionId });
    await wrong.close?.();
    expect(result).toMatchObject({
      status: 'failed',
      error: { code: 'AUTHENTICATION_FAILED', providerCode: 'INS-2', retryable: false },
      metadata: { httpStatus: 401 },
    });
    expect(simulator.transaction(transactionId)?.reversed).toBe('0.00');
  });

  it('sends the configured Origin and accepts the public key as PEM', async () => {
    const custom = providerFor(simulator, { origin: '*', publicKey: simulator.publicKeyPem });
    const { transactionId } = simulator.addTransaction({ amount: '9.00' });
    expect((await custom.reverse({ transactionId })).status).toBe('succeeded');
    await custom.close?.();
    expect(lastRequest().headers.origin).toBe('*');
  });

  it('refuses a transaction id Vodacom cannot hold before sending anything', async () => {
    const before = simulator.requests().length;
    const attempt = provider.reverse({ transactionId: 'ABC-123.45' });
    await expect(attempt).rejects.toSatisfy(
      (error) => ReversalValidationError.isInstance(error) && error.issues.some((issue) => issue.field === 'transactionId'),
    );
    expect(simulator.requests().length).toBe(before);
  });

  it('rejects with the reason of a signal aborted before sending', async () => {
    const reason = new Error('stop');
    const { transactionId } = simulator.addTransaction({ amount: '1.00' });
    await expect(provider.reverse({ transactionId }, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(simulator.transaction(transactionId)?.reversed).toBe('0.00');
  });

  it('is unknown, not failed, when the caller aborts after sending', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '1.00' });
    simulator.addScenario({ transactionId, delayMs: 5_000 });
    const controller = new AbortController();
    const pending = provider.reverse({ transactionId }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    const result = await pending;
    expect(result).toMatchObject({ status: 'unknown', error: { retryable: false } });
  });

  it('is PROVIDER_UNAVAILABLE (failed, retryable) when nothing listens: provably not sent', async () => {
    const gone = await startSimulator();
    const options = gone.providerOptions;
    await gone.close();
    const unreachable = providerFor(gone, { ...options });
    const result = await unreachable.reverse({ transactionId: 'ABCDEF1234' });
    await unreachable.close?.();
    expect(result).toMatchObject({ status: 'failed', error: { code: 'PROVIDER_UNAVAILABLE', providerCode: 'ECONNREFUSED', retryable: true } });
  });
});
