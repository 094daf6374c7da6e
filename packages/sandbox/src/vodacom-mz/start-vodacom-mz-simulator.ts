import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fromMinorUnits, parseAmount, toMinorUnits } from '@reversal/core';
import { createBearerVerifier } from './bearer-verifier.js';
import { closeServer, listen } from './http-server.js';
import { getSimulatorKeyPair } from './key-pair.js';
import { createLedger, generateTransactionId } from './ledger.js';
import { createRequestRouter } from './request-router.js';
import type { SimulatorContext } from './simulator-context.js';
import { createScenarioStore } from './vodacom-mz-scenario.js';
import type { VodacomMzSimulator, VodacomMzSimulatorOptions, VodacomMzTransaction } from './vodacom-mz-simulator.js';

/** The ports of the real API: reversal and Query Transaction Status (docs/providers/vodacom-mz.md, "Hosts and ports"). */
export const VODACOM_MZ_STANDARD_PORTS = Object.freeze({ reversal: 18354, status: 18353 });

/**
 * Starts a local simulator of the Vodacom M-Pesa Mozambique Reversal and Query Transaction Status
 * APIs on 127.0.0.1: one HTTP server per API, on two ephemeral ports by default (the real ports
 * 18354 and 18353 with `ports: 'standard'`).
 *
 * It checks the bearer token against its own RSA key pair (4096-bit by default, like Vodacom's,
 * generated once per process), validates fields with the documented `INS-*` codes, keeps a bounded
 * ledger so partial reversals never exceed the original amount, answers a repeated reference with
 * INS-10, and plays scripted {@link VodacomMzScenario}s (forced codes, late answers, malformed
 * headers).
 *
 * @example
 * const simulator = await startVodacomMzSimulator();
 * const { transactionId } = simulator.addTransaction({ amount: '100.00' });
 * const provider = createVodacomMzProvider(simulator.providerOptions);
 * await provider.reverse({ transactionId, amount: '40.00' });
 * await simulator.close();
 */
export async function startVodacomMzSimulator(options: VodacomMzSimulatorOptions = {}): Promise<VodacomMzSimulator> {
  const keyPair = await getSimulatorKeyPair(options.keyBits ?? 4096);
  const apiKey = options.apiKey ?? randomBytes(16).toString('hex');
  const credentials = {
    serviceProviderCode: options.serviceProviderCode ?? '171717',
    initiatorIdentifier: options.initiatorIdentifier ?? 'MPesa2018',
    securityCredential: options.securityCredential ?? 'Mpesa2019',
  };
  const maxEntries = options.maxEntries ?? 10_000;
  const context: SimulatorContext = {
    ledger: createLedger(maxEntries),
    scenarios: createScenarioStore(),
    verifier: createBearerVerifier(apiKey, keyPair.privateKey),
    credentials,
  };
  const router = createRequestRouter(context);
  const snapshot = (transactionId: string): VodacomMzTransaction | undefined => {
    const transaction = context.ledger.getTransaction(transactionId);
    if (!transaction) return undefined;
    return Object.freeze({
      transactionId,
      amount: fromMinorUnits(transaction.amountMinor),
      reversed: fromMinorUnits(transaction.reversedMinor),
      remaining: fromMinorUnits(transaction.amountMinor - transaction.reversedMinor),
    });
  };

  const standard = options.ports === 'standard';
  const wanted = standard ? VODACOM_MZ_STANDARD_PORTS : (options.ports ?? { reversal: 0, status: 0 });
  const reversalServer = await listen(createServer(router.serve('reversal')), wanted.reversal);
  const statusServer = await listen(createServer(router.serve('status')), wanted.status).catch(async (error: unknown) => {
    await closeServer(reversalServer);
    throw error;
  });
  const ports = Object.freeze({
    reversal: (reversalServer.address() as AddressInfo).port,
    status: (statusServer.address() as AddressInfo).port,
  });
  const baseUrl = 'http://127.0.0.1';

  return {
    baseUrl,
    ports,
    apiKey,
    publicKey: keyPair.publicKey,
    publicKeyPem: keyPair.publicKeyPem,
    ...credentials,
    providerOptions: Object.freeze({
      baseUrl,
      reversalPort: ports.reversal,
      statusPort: ports.status,
      apiKey,
      publicKey: keyPair.publicKey,
      ...credentials,
    }),
    environment: Object.freeze({
      REVERSAL_PROVIDER: 'vodacom-mz',
      MPESA_MZ_BASE_URL: baseUrl,
      MPESA_MZ_REVERSAL_PORT: String(ports.reversal),
      MPESA_MZ_STATUS_PORT: String(ports.status),
      MPESA_MZ_API_KEY: apiKey,
      MPESA_MZ_PUBLIC_KEY: keyPair.publicKey,
      MPESA_MZ_SERVICE_PROVIDER_CODE: credentials.serviceProviderCode,
      MPESA_MZ_INITIATOR_IDENTIFIER: credentials.initiatorIdentifier,
      MPESA_MZ_SECURITY_CREDENTIAL: credentials.securityCredential,
    }),
    requests: () => [...router.requests],
    addTransaction(input) {
      const parsed = parseAmount(input.amount);
      if (!parsed.ok) throw new RangeError(`addTransaction: amount ${parsed.reason}`);
      const transactionId = input.transactionId ?? generateTransactionId();
      context.ledger.addTransaction(transactionId, toMinorUnits(parsed.value));
      if (input.scenario) context.scenarios.add({ times: Number.POSITIVE_INFINITY, ...input.scenario, transactionId });
      return snapshot(transactionId)!;
    },
    transaction: snapshot,
    addScenario: (scenario) => context.scenarios.add(scenario),
    clearScenarios: () => context.scenarios.clear(),
    async close() {
      router.cancelLateAnswers();
      await Promise.all([closeServer(reversalServer), closeServer(statusServer)]);
    },
  };
}
