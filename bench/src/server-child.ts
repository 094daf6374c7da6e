/**
 * The server process: the Daraja and Vodacom Mozambique simulators of `@reversal/sandbox`, shared
 * by every client of a comparison. The Vodacom one listens on the real ports (18354, 18353),
 * because `@paymentsds/mpesa` always appends them to its host.
 */
import { constants, publicEncrypt } from 'node:crypto';
import { startDarajaSimulator, startVodacomMzSimulator, VODACOM_MZ_STANDARD_PORTS } from '@reversal/sandbox';
import { serveParent } from './lib/serve-parent.js';
import type { ClientSetup, ServerCommand, ServerStats } from './protocol.js';
import { transactionId } from './protocol.js';

const encrypt = (text: string, keyPem: string) =>
  publicEncrypt({ key: keyPem, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(text)).toString('base64');

// A Utility Account large enough for every reversal of a run (the default, 1,000,000.00, funds
// 5,000 reversals of 200; after that each one would fail by callback with insufficient funds).
const daraja = await startDarajaSimulator({ maxTransactions: 200_000, utilityBalance: '9999999999999.00' });
const url = daraja.baseUrl;
const vodacom = await startVodacomMzSimulator({ ports: 'standard' }).catch((error: unknown) => {
  throw new Error(
    `Cannot listen on 127.0.0.1:${VODACOM_MZ_STANDARD_PORTS.reversal} and ${VODACOM_MZ_STANDARD_PORTS.status} (needed by @paymentsds/mpesa): ${String(error)}`,
  );
});
// @paymentsds/mpesa sends the amount as `input_Amount`, which the simulator refuses (INS-21) since
// a misspelt amount field turns a partial reversal into a full one. So that every client does the
// same work, the simulator answers INS-0 to every reversal after checking the bearer token.
vodacom.addScenario({ operation: 'reversal', responseCode: 'INS-0', times: Number.POSITIVE_INFINITY });

const setup: ClientSetup = {
  ke: {
    url,
    consumerKey: daraja.consumerKey,
    consumerSecret: daraja.consumerSecret,
    initiatorName: daraja.initiatorName,
    initiatorPassword: daraja.initiatorPassword,
    certificatePem: daraja.certificatePem,
    shortCode: daraja.shortCode,
    // Nothing listens there: the bench's transactions never produce a callback.
    resultUrl: 'http://127.0.0.1:9/mpesa/reversal/result',
  },
  mz: {
    baseUrl: vodacom.baseUrl,
    reversalPort: vodacom.ports.reversal,
    statusPort: vodacom.ports.status,
    apiKey: vodacom.apiKey,
    publicKey: vodacom.publicKey,
    bearerToken: encrypt(vodacom.apiKey, vodacom.publicKeyPem),
    serviceProviderCode: vodacom.serviceProviderCode,
    initiatorIdentifier: vodacom.initiatorIdentifier,
    securityCredential: vodacom.securityCredential,
  },
};

serveParent(async (message) => {
  const command = message as unknown as ServerCommand | { type: 'setup' };
  switch (command.type) {
    case 'setup':
      return setup;
    case 'prepare':
      // Kenya: one C2B payment per reversal, reversed at most once, with no callback to send.
      if (command.country === 'ke') {
        for (let index = 0; index < command.count; index++) {
          daraja.addTransaction({ transactionId: transactionId(command.prefix, index), amount: 200, scenario: 'no-callback' });
        }
      }
      return null;
    case 'stats': {
      const cpu = process.cpuUsage();
      const stats: ServerStats = {
        oauthRequests: daraja.stats.oauthRequests,
        keReversalRequests: daraja.stats.reversalRequests,
        keAcknowledged: daraja.stats.acknowledged,
        keCallbacks: daraja.stats.callbacksDelivered + daraja.stats.callbackFailures,
        cpuUs: cpu.user + cpu.system,
      };
      return stats;
    }
    case 'last-requests':
      return command.country === 'ke'
        ? daraja.requests().slice(-command.count)
        : vodacom.requests().slice(-command.count).map(({ headers, body }) => ({ headers, body }));
    case 'close':
      await Promise.all([daraja.close(), vodacom.close()]);
      return null;
  }
});
