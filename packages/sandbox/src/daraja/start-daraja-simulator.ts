import { parseAmount, toMinorUnits, fromMinorUnits } from '@reversal/core';
import { darajaError } from './daraja-errors.js';
import type { DarajaSimulator, DarajaSimulatorOptions, ReceivedReversalRequest, ReceivedStatusQuery } from './daraja-simulator.js';
import { createCredentialDecryptor } from './decrypt-credential.js';
import { type DarajaCallbackDelivery, deliverCallback } from './deliver-callback.js';
import { handleOauth } from './handle-oauth.js';
import { handleReversal } from './handle-reversal.js';
import { handleStatusQuery } from './handle-status-query.js';
import { isFailedDelivery } from '../simulator.js';
import { sendJson, startHttpServer } from './http-server.js';
import { createLedger } from './ledger.js';
import { createReversalRecords } from './reversal-records.js';
import { pushBounded, type SimulatorContext } from './simulator-context.js';
import { getSimulatorKey } from './simulator-key.js';
import { createTokenStore } from './token-store.js';

/**
 * Starts a local Daraja simulator on 127.0.0.1: OAuth with expiring tokens, the reversal endpoint
 * validating the exact body (the SecurityCredential is decrypted with the simulator's own key, so
 * a test proves the credential is right), acknowledgements, and result callbacks POSTed after a
 * delay. Its ledger reverses each transaction at most once, and Transaction Status queries are
 * answered from it (by callback to the query's own ResultURL). Resolves once it listens.
 *
 * A callback that fails (no answer, or a status outside 2xx) is listed by `failedDeliveries()` and
 * reported to `onDeliveryFailure`; it is not sent again.
 *
 * @example
 * const daraja = await startDarajaSimulator({ onDeliveryFailure: (d) => console.warn(d.url, d.status ?? d.error) });
 * const { transactionId } = daraja.addTransaction({ amount: 200 });
 * const provider = createSafaricomKeProvider({ ...daraja.providerOptions, resultUrl });
 * await daraja.close();
 */
export async function startDarajaSimulator(options: DarajaSimulatorOptions = {}): Promise<DarajaSimulator> {
  const balance = parseAmount(options.utilityBalance ?? '1000000.00', { allowZero: true });
  if (!balance.ok) throw new RangeError(`utilityBalance ${balance.reason}`);
  const timers = new Set<NodeJS.Timeout>();
  const sleepers = new Set<() => void>();
  const inFlight = new Set<Promise<unknown>>();
  const requests: ReceivedReversalRequest[] = [];
  const statusQueries: ReceivedStatusQuery[] = [];
  const deliveries: DarajaCallbackDelivery[] = [];
  const failedDeliveries: DarajaCallbackDelivery[] = [];
  const closing = new AbortController();
  const recordDelivery = (delivery: DarajaCallbackDelivery) => {
    pushBounded(deliveries, delivery);
    if (!isFailedDelivery(delivery)) return;
    pushBounded(failedDeliveries, delivery);
    if (closing.signal.aborted) return; // aborted by close(): not the receiver's failure
    try {
      options.onDeliveryFailure?.(delivery);
    } catch {
      // A listener's mistake must not stop the simulator.
    }
  };

  const key = getSimulatorKey();
  const context: SimulatorContext = {
    consumerKey: options.consumerKey ?? 'simulator-consumer-key',
    consumerSecret: options.consumerSecret ?? 'simulator-consumer-secret',
    initiatorName: options.initiatorName ?? 'simulator-initiator',
    initiatorPassword: options.initiatorPassword ?? 'Simulator#2024',
    shortCode: options.shortCode ?? '600992',
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3599,
    expiresInFormat: options.expiresInFormat ?? 'string',
    callbackDelayMs: options.callbackDelayMs ?? 10,
    callbackTimeoutMs: options.callbackTimeoutMs ?? 5000,
    slowResponseMs: options.slowResponseMs ?? 3000,
    amountMismatch: options.amountMismatch ?? { resultCode: 'R000002', resultDesc: 'The OriginalTransactionID is invalid.' },
    key,
    decryptCredential: createCredentialDecryptor(key.privateKey),
    tokens: createTokenStore({ maxTokens: 1000, singleActive: options.singleActiveToken ?? false }),
    ledger: createLedger(options.maxTransactions ?? 10_000),
    reversals: createReversalRecords(options.maxTransactions ?? 10_000),
    statusQueryRole: options.statusQueryRole ?? true,
    lateResultMs: options.lateResultMs ?? 3000,
    statusNotFound: options.statusNotFound ?? { resultCode: 'R000002', resultDesc: 'The OriginalTransactionID is invalid.' },
    stats: {
      oauthRequests: 0,
      tokensIssued: 0,
      reversalRequests: 0,
      acknowledged: 0,
      callbacksDelivered: 0,
      callbackFailures: 0,
      statusQueries: 0,
      statusAcknowledged: 0,
    },
    utilityBalance: toMinorUnits(balance.value),
    recordRequest: (request) => pushBounded(requests, request),
    recordStatusQuery: (query) => pushBounded(statusQueries, query),
    scheduleCallback(kind, url, body, delayMs = context.callbackDelayMs) {
      if (closing.signal.aborted) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        const delivery = deliverCallback(url, body, context.callbackTimeoutMs, closing.signal).then((outcome) => {
          inFlight.delete(delivery);
          if (outcome.status === undefined) context.stats.callbackFailures += 1;
          else context.stats.callbacksDelivered += 1;
          recordDelivery({ kind, url, body, ...outcome });
        });
        inFlight.add(delivery);
      }, delayMs);
      timers.add(timer);
    },
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        if (closing.signal.aborted) return resolve();
        const wake = () => {
          clearTimeout(timer);
          sleepers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, ms);
        sleepers.add(wake);
      }),
  };

  const snapshot = (transactionId: string) => {
    const transaction = context.ledger.get(transactionId);
    return transaction ? Object.freeze({ ...transaction }) : undefined;
  };

  const server = await startHttpServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://simulator').pathname;
    if (request.method === 'GET' && path === '/oauth/v1/generate') return handleOauth(context, request, response);
    if (request.method === 'POST' && path === '/mpesa/reversal/v1/request') {
      return handleReversal(context, request, response);
    }
    if (request.method === 'POST' && path === '/mpesa/transactionstatus/v1/query') {
      return handleStatusQuery(context, request, response);
    }
    const error = darajaError('404.001.01');
    sendJson(response, error.status, error.body);
  }, options.port);
  const providerOptions = Object.freeze({
    baseUrl: server.url,
    consumerKey: context.consumerKey,
    consumerSecret: context.consumerSecret,
    initiatorName: context.initiatorName,
    initiatorPassword: context.initiatorPassword,
    certificate: context.key.certificatePem,
    shortCode: context.shortCode,
  });

  return {
    baseUrl: server.url,
    certificatePem: context.key.certificatePem,
    consumerKey: context.consumerKey,
    consumerSecret: context.consumerSecret,
    initiatorName: context.initiatorName,
    initiatorPassword: context.initiatorPassword,
    shortCode: context.shortCode,
    providerOptions,
    environment: Object.freeze({
      REVERSAL_PROVIDER: 'safaricom-ke',
      MPESA_KE_BASE_URL: providerOptions.baseUrl,
      MPESA_KE_CONSUMER_KEY: providerOptions.consumerKey,
      MPESA_KE_CONSUMER_SECRET: providerOptions.consumerSecret,
      MPESA_KE_INITIATOR_NAME: providerOptions.initiatorName,
      MPESA_KE_INITIATOR_PASSWORD: providerOptions.initiatorPassword,
      MPESA_KE_CERTIFICATE: providerOptions.certificate,
      MPESA_KE_SHORT_CODE: providerOptions.shortCode,
    }),
    get utilityBalance() {
      return fromMinorUnits(context.utilityBalance);
    },
    get stats() {
      return { ...context.stats };
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const wake of [...sleepers]) wake();
      closing.abort();
      await server.close();
      await Promise.allSettled([...inFlight]);
    },
    addTransaction: (input) => Object.freeze({ ...context.ledger.add(input) }),
    transaction: snapshot,
    setScenario(transactionId, scenario) {
      const transaction = context.ledger.get(transactionId);
      if (!transaction) throw new RangeError(`setScenario: no transaction ${transactionId} in the simulator's ledger`);
      transaction.scenario = scenario;
    },
    setStatusScenario(transactionId, scenario) {
      const transaction = context.ledger.get(transactionId);
      if (!transaction) throw new RangeError(`setStatusScenario: no transaction ${transactionId} in the simulator's ledger`);
      transaction.statusScenario = scenario;
    },
    expireTokens: () => context.tokens.expireAll(),
    requests: () => [...requests],
    statusQueries: () => [...statusQueries],
    deliveries: () => [...deliveries],
    failedDeliveries: () => [...failedDeliveries],
  };
}
