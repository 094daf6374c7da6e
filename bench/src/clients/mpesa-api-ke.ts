/**
 * The peer `mpesa-api` (Kenya). It has no base-URL option and calls `https.request` with the fixed
 * host `sandbox.safaricom.co.ke`, so this process redirects that call to the simulator over plain
 * HTTP (Node's global agent, keep-alive). It fetches a new OAuth token before every request, by design.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenClient } from './bench-client.js';

export const open: OpenClient = async ({ ke }) => {
  const target = new URL(ke.url);
  https.request = ((options: http.RequestOptions, callback?: (response: http.IncomingMessage) => void) =>
    http.request({ ...options, protocol: 'http:', hostname: target.hostname, port: target.port }, callback)) as typeof https.request;
  const { Mpesa } = await import('mpesa-api');

  const certificatePath = join(mkdtempSync(join(tmpdir(), 'reversal-bench-')), 'certificate.pem');
  writeFileSync(certificatePath, ke.certificatePem);
  const mpesa = new Mpesa(
    { clientKey: ke.consumerKey, clientSecret: ke.consumerSecret, initiatorPassword: ke.initiatorPassword, certificatePath },
    'sandbox',
  );
  // The constructor encrypts the password asynchronously (it reads the certificate file first).
  const state = mpesa as unknown as { securityCredential?: string };
  while (state.securityCredential === undefined) await new Promise((resolve) => setTimeout(resolve, 1));

  return {
    async reverse(id) {
      const callback = `${ke.resultUrl}?reference=${id}&originalTransactionId=${id}`;
      const answer = await mpesa.reversal({
        Initiator: ke.initiatorName,
        CommandID: 'TransactionReversal',
        TransactionID: id,
        // A string, as the other clients send it (the SDK passes it through).
        Amount: '200' as unknown as number,
        ReceiverParty: ke.shortCode,
        // The SDK's default is '4', which Daraja refuses; '11' is what the documentation shows.
        RecieverIdentifierType: '11',
        ResultURL: callback,
        QueueTimeOutURL: `${callback}&kind=queue-timeout`,
        Remarks: 'Transaction reversal',
        Occasion: id,
      } as unknown as Parameters<typeof mpesa.reversal>[0]);
      if (answer.ResponseCode !== '0') throw new Error(`expected an acknowledgement, got ${JSON.stringify(answer)}`);
    },
    async close() {
      http.globalAgent.destroy();
    },
  };
};
