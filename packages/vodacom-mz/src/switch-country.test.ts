import {
  type CallbackInput,
  createProviderRegistry,
  type ReversalProvider,
  type ReversalResult,
} from '@reversal/core';
import { safaricomKe } from '@reversal/safaricom-ke';
import {
  type CallbackRecorder,
  startDarajaSimulator,
  type DarajaSimulator,
  startCallbackRecorder,
  type VodacomMzSimulator,
} from '@reversal/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from './test-helpers/simulator.js';
import { vodacomMz } from './definition.js';

/**
 * The application's refund, written against `ReversalProvider` only: it reverses the whole
 * payment and settles the outcome the way the provider delivers it (at once, by callback, or by
 * a status check). Nothing in it names a country.
 */
async function refundPayment(
  provider: ReversalProvider,
  payment: { readonly transactionId: string; readonly amount: string },
  receiveCallback: (pending: ReversalResult) => Promise<CallbackInput>,
): Promise<ReversalResult> {
  let result = await provider.reverse({ transactionId: payment.transactionId, amount: payment.amount });
  if (result.status === 'pending' && provider.parseCallback) {
    result = await provider.parseCallback(await receiveCallback(result));
  }
  if (result.status === 'unknown' && provider.checkStatus) result = await provider.checkStatus(result);
  return result;
}

let daraja: DarajaSimulator;
let recorder: CallbackRecorder;
let vodacom: VodacomMzSimulator;

beforeAll(async () => {
  daraja = await startDarajaSimulator({ callbackDelayMs: 1 });
  recorder = await startCallbackRecorder();
  vodacom = await startSimulator();
});
afterAll(async () => {
  await Promise.all([daraja.close(), recorder.close(), vodacom.close()]);
});

// The merchant's callback endpoint, as the application wires it: the reference is in the path.
const receiveCallback = async (pending: ReversalResult): Promise<CallbackInput> => {
  const callback = await recorder.waitFor((received) => received.url.includes(`/refunds/${pending.reference}`));
  return { body: callback.body, url: callback.url, headers: callback.headers };
};

// Kenya signs its callback URLs with this secret (in production: `openssl rand -base64 32`).
const CALLBACK_SECRET = 'switch-country-test-callback-secret-0123456789';

const kenya = () => ({
  config: {
    provider: 'safaricom-ke',
    ...daraja.providerOptions,
    resultUrl: `${recorder.url}/refunds/{reference}`,
    callbackSecret: CALLBACK_SECRET,
  } as const,
  env: {
    ...daraja.environment,
    MPESA_KE_RESULT_URL: `${recorder.url}/refunds/{reference}`,
    MPESA_KE_CALLBACK_SECRET: CALLBACK_SECRET,
  } as Record<string, string>,
  payment: () => ({ transactionId: daraja.addTransaction({ amount: '200.00' }).transactionId, amount: '200.00' }),
  currency: 'KES',
});

const mozambique = () => ({
  config: { provider: 'vodacom-mz', ...vodacom.providerOptions } as const,
  env: vodacom.environment,
  payment: () => ({ transactionId: vodacom.addTransaction({ amount: '200.00' }).transactionId, amount: '200.00' }),
  currency: 'MZN',
});

describe('switching country is configuration only', () => {
  const registry = createProviderRegistry([safaricomKe, vodacomMz]);

  it.each([
    ['Kenya', kenya],
    ['Mozambique', mozambique],
  ])('the same refund function succeeds in %s, built with registry.create(config)', async (_country, country) => {
    const { config, payment, currency } = country();
    const provider = registry.create(config);
    const refund = payment();
    const result = await refundPayment(provider, refund, receiveCallback);
    await provider.close?.();
    expect(result).toMatchObject({
      status: 'succeeded',
      provider: config.provider,
      originalTransactionId: refund.transactionId,
      amount: { value: '200.00', currency },
    });
  });

  it.each([
    ['Kenya', kenya],
    ['Mozambique', mozambique],
  ])('the same refund function succeeds in %s, built with registry.fromEnv(env)', async (_country, country) => {
    const { env, payment, currency } = country();
    const provider = registry.fromEnv(env);
    const refund = payment();
    const result = await refundPayment(provider, refund, receiveCallback);
    await provider.close?.();
    expect(result).toMatchObject({ status: 'succeeded', provider: env.REVERSAL_PROVIDER, amount: { currency } });
  });
});
