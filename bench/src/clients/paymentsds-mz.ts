/**
 * The peer `@paymentsds/mpesa` (Mozambique), through axios. It always appends port 18354 to its
 * host, so the simulator listens there. It is given the bearer token ready-made (its `accessToken`
 * option): by default it re-encrypts the API key with RSA before every request, which the
 * simulator (pure-JavaScript RSA decryption, ~0.5 s a token) could not serve at any useful rate;
 * that per-call cost is measured on its own by `extra()`. In a fresh process timing its first
 * reversal it runs in its default configuration (`apiKey` + `publicKey`), as a new application would.
 */
import { Client } from '@paymentsds/mpesa';
import type { OpenClient } from './bench-client.js';

export const open: OpenClient = async ({ mz, fresh }) => {
  const client = new Client({
    host: mz.baseUrl,
    ...(fresh ? { apiKey: mz.apiKey, publicKey: mz.publicKey } : { accessToken: mz.bearerToken }),
    serviceProviderCode: mz.serviceProviderCode,
    initiatorIdentifier: mz.initiatorIdentifier,
    securityCredential: mz.securityCredential,
  });
  return {
    async reverse(id) {
      const answer = await client.revert({ transaction: id, reference: id, amount: '10.00' });
      if (answer.response.code !== 'INS-0') throw new Error(`expected INS-0, got ${JSON.stringify(answer)}`);
    },
    async close() {},
  };
};

/** Client CPU per call of the SDK's default configuration (apiKey + publicKey): RSA-encrypting the API key. */
export async function extra({ mz }: Parameters<OpenClient>[0]): Promise<Record<string, number>> {
  const client = new Client({ host: mz.baseUrl, apiKey: mz.apiKey, publicKey: mz.publicKey });
  const config = client.service.config;
  for (let index = 0; index < 50; index++) config.generateAccessToken();
  const calls = 500;
  const before = process.cpuUsage();
  for (let index = 0; index < calls; index++) config.generateAccessToken();
  const used = process.cpuUsage(before);
  return { defaultConfigTokenCpuUsPerCall: (used.user + used.system) / calls };
}
