import type { CallbackInput } from '@reversal/core';
import {
  type CallbackRecorder,
  startDarajaSimulator,
  type DarajaSimulator,
  type DarajaSimulatorOptions,
  startCallbackRecorder,
} from '@reversal/sandbox';
import { createSafaricomKeProvider, type SafaricomKeProvider } from '../create-provider.js';
import type { SafaricomKeOptions } from '../options.js';

/** Distinctive credentials, so that a test can search every output for them. */
export const CANARY = {
  consumerKey: 'canary-key-7d41c0e2',
  consumerSecret: 'canary-consumer-secret-b93f5a10',
  initiatorPassword: 'canary-password-4e8c21ab',
  callbackSecret: 'canary-callback-secret-0123456789abcdef',
} as const;

/** A Daraja simulator, a callback endpoint, and providers pointed at them (tests only). */
export interface SimulatedDaraja {
  readonly daraja: DarajaSimulator;
  readonly recorder: CallbackRecorder;
  /** Options for a provider talking to the simulator, signed callbacks with the canary secret; `overrides` win. */
  options(overrides?: Partial<SafaricomKeOptions>): SafaricomKeOptions;
  /** A provider talking to the simulator, closed by {@link SimulatedDaraja.close}. */
  provider(overrides?: Partial<SafaricomKeOptions>): SafaricomKeProvider;
  /** The callback the simulator POSTed for the (last acknowledged) reversal of `transactionId`, as parseCallback takes it. */
  callbackFor(transactionId: string): Promise<CallbackInput & { readonly body: string; readonly url: string }>;
  close(): Promise<void>;
}

/** Starts a simulator (with canary credentials) and a callback recorder. */
export async function startSimulatedDaraja(simulatorOptions: DarajaSimulatorOptions = {}): Promise<SimulatedDaraja> {
  const daraja = await startDarajaSimulator({
    consumerKey: CANARY.consumerKey,
    consumerSecret: CANARY.consumerSecret,
    initiatorPassword: CANARY.initiatorPassword,
    callbackDelayMs: 1,
    ...simulatorOptions,
  });
  const recorder = await startCallbackRecorder();
  const providers: SafaricomKeProvider[] = [];
  const options = (overrides: Partial<SafaricomKeOptions> = {}): SafaricomKeOptions => ({
    ...daraja.providerOptions,
    resultUrl: `${recorder.url}/mpesa/reversal/result`,
    callbackSecret: CANARY.callbackSecret,
    timeoutMs: 10_000,
    ...overrides,
  });
  return {
    daraja,
    recorder,
    options,
    provider(overrides) {
      const provider = createSafaricomKeProvider(options(overrides));
      providers.push(provider);
      return provider;
    },
    async callbackFor(transactionId) {
      const sent = daraja
        .requests()
        .findLast((request) => request.answer === '0' && request.validated?.TransactionID === transactionId)?.validated;
      if (!sent) throw new Error(`The simulator acknowledged no reversal of ${transactionId}`);
      const callback = await recorder.waitFor((c) => c.url === sent.ResultURL || c.url === sent.QueueTimeOutURL);
      return { body: callback.body, url: callback.url, headers: callback.headers };
    },
    async close() {
      await Promise.all(providers.map((provider) => provider.close()));
      await daraja.close();
      await recorder.close();
    },
  };
}

/** Overrides for the unsigned mode (`unsignedCallbacks: true`, no callback secret). */
export const UNSIGNED = { callbackSecret: undefined, unsignedCallbacks: true } as const;

/**
 * The callback the simulator POSTed for the last acknowledged Transaction Status query about
 * `reference` (the adapter sends the reference as `Occasion`), as parseCallback takes it.
 */
export async function statusCallbackFor(
  sim: Pick<SimulatedDaraja, 'daraja' | 'recorder'>,
  reference: string,
): Promise<CallbackInput & { readonly body: string; readonly url: string }> {
  const sent = sim.daraja.statusQueries().findLast((query) => query.answer === '0' && query.validated?.Occasion === reference)?.validated;
  if (!sent) throw new Error(`The simulator acknowledged no status query about ${reference}`);
  const callback = await sim.recorder.waitFor((c) => c.url === sent.ResultURL || c.url === sent.QueueTimeOutURL);
  return { body: callback.body, url: callback.url, headers: callback.headers };
}
