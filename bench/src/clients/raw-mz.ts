/**
 * The reference: a hand-written undici PUT with the same body and headers as the adapter sends.
 * Like the adapter, an instance computes its bearer token (the API key RSA-encrypted) itself, once.
 */
import { constants, createPublicKey, publicEncrypt } from 'node:crypto';
import { Pool } from 'undici';
import type { OpenClient } from './bench-client.js';

export const open: OpenClient = async ({ mz }) => {
  const pool = new Pool(`${mz.baseUrl}:${mz.reversalPort}`, { connections: 100 });
  const publicKey = createPublicKey({ key: Buffer.from(mz.publicKey, 'base64'), format: 'der', type: 'spki' });
  const bearerToken = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(mz.apiKey)).toString('base64');
  return {
    async reverse(id) {
      const response = await pool.request({
        method: 'PUT',
        path: '/ipg/v1x/reversal/',
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          authorization: `Bearer ${bearerToken}`,
          origin: 'developer.mpesa.vm.co.mz',
        },
        body: JSON.stringify({
          input_TransactionID: id,
          input_SecurityCredential: mz.securityCredential,
          input_InitiatorIdentifier: mz.initiatorIdentifier,
          input_ThirdPartyReference: id,
          input_ServiceProviderCode: mz.serviceProviderCode,
          input_ReversalAmount: '10.00',
        }),
      });
      const body = (await response.body.json()) as { output_ResponseCode?: string };
      if (response.statusCode !== 201 || body.output_ResponseCode !== 'INS-0') {
        throw new Error(`expected INS-0, got HTTP ${response.statusCode} ${JSON.stringify(body)}`);
      }
    },
    close: () => pool.close(),
  };
};
