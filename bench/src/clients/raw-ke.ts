/**
 * The reference: a hand-written undici request with the same body as the adapter sends, to the
 * same simulator, one token fetched once per instance, one keep-alive pool. Like the adapter, an
 * instance encrypts the initiator password itself (node:crypto), once.
 */
import { constants, publicEncrypt, X509Certificate } from 'node:crypto';
import { Pool } from 'undici';
import type { OpenClient } from './bench-client.js';

export const open: OpenClient = async ({ ke }) => {
  const pool = new Pool(ke.url, { connections: 100 });
  const securityCredential = publicEncrypt(
    { key: new X509Certificate(ke.certificatePem).publicKey, padding: constants.RSA_PKCS1_PADDING },
    Buffer.from(ke.initiatorPassword),
  ).toString('base64');
  const basic = Buffer.from(`${ke.consumerKey}:${ke.consumerSecret}`).toString('base64');
  let token: Promise<string> | undefined;
  const fetchToken = async () => {
    const response = await pool.request({
      method: 'GET',
      path: '/oauth/v1/generate?grant_type=client_credentials',
      headers: { authorization: `Basic ${basic}` },
    });
    const body = (await response.body.json()) as { access_token: string };
    return body.access_token;
  };
  return {
    async reverse(id) {
      token ??= fetchToken();
      const callback = `${ke.resultUrl}?reference=${id}&originalTransactionId=${id}`;
      const response = await pool.request({
        method: 'POST',
        path: '/mpesa/reversal/v1/request',
        headers: { accept: 'application/json', 'content-type': 'application/json', authorization: `Bearer ${await token}` },
        body: JSON.stringify({
          Initiator: ke.initiatorName,
          SecurityCredential: securityCredential,
          CommandID: 'TransactionReversal',
          TransactionID: id,
          Amount: '200',
          ReceiverParty: ke.shortCode,
          RecieverIdentifierType: '11',
          ResultURL: callback,
          QueueTimeOutURL: `${callback}&kind=queue-timeout`,
          Remarks: 'Transaction reversal',
          Occasion: id,
        }),
      });
      const body = (await response.body.json()) as { ResponseCode?: string };
      if (response.statusCode !== 200 || body.ResponseCode !== '0') {
        throw new Error(`expected an acknowledgement, got HTTP ${response.statusCode} ${JSON.stringify(body)}`);
      }
    },
    close: () => pool.close(),
  };
};
