import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import forge from 'node-forge';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CallbackRecorder, startCallbackRecorder } from './callback-recorder.js';
import { startDarajaSimulator } from './start-daraja-simulator.js';
import { DARAJA_RESULT_SCENARIOS, DARAJA_SYNC_ERROR_SCENARIOS, type DarajaScenario } from './daraja-scenario.js';
import type { DarajaSimulator } from './daraja-simulator.js';

const encrypt = (password: string, certificatePem: string): string => {
  const publicKey = forge.pki.certificateFromPem(certificatePem).publicKey as forge.pki.rsa.PublicKey;
  return forge.util.encode64(publicKey.encrypt(forge.util.encodeUtf8(password), 'RSAES-PKCS1-V1_5'));
};

let daraja: DarajaSimulator;
let recorder: CallbackRecorder;

beforeAll(async () => {
  recorder = await startCallbackRecorder();
});
afterAll(() => recorder.close());
afterEach(() => daraja?.close());

async function start(options: Parameters<typeof startDarajaSimulator>[0] = {}) {
  daraja = await startDarajaSimulator({ callbackDelayMs: 1, ...options });
  return daraja;
}

async function token(simulator = daraja): Promise<string> {
  const basic = Buffer.from(`${simulator.consumerKey}:${simulator.consumerSecret}`).toString('base64');
  const response = await fetch(`${simulator.baseUrl}/oauth/v1/generate?grant_type=client_credentials`, {
    headers: { authorization: `Basic ${basic}` },
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

let sequence = 0;
function body(transactionId: string, overrides: Record<string, unknown> = {}) {
  sequence += 1;
  return {
    Initiator: daraja.initiatorName,
    SecurityCredential: encrypt(daraja.initiatorPassword, daraja.certificatePem),
    CommandID: 'TransactionReversal',
    TransactionID: transactionId,
    Amount: '200',
    ReceiverParty: daraja.shortCode,
    RecieverIdentifierType: '11',
    ResultURL: `${recorder.url}/result?n=${sequence}`,
    QueueTimeOutURL: `${recorder.url}/timeout?n=${sequence}`,
    Remarks: 'Payment reversal',
    ...overrides,
  };
}

async function reverse(payload: unknown, accessToken?: string) {
  const response = await fetch(`${daraja.baseUrl}/mpesa/reversal/v1/request`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken ?? (await token())}` },
    body: JSON.stringify(payload),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function callbackFor(payload: { ResultURL: string; QueueTimeOutURL: string }) {
  const received = await recorder.waitFor((c) => c.url === payload.ResultURL || c.url === payload.QueueTimeOutURL);
  return { url: received.url, json: JSON.parse(received.body) as { Result: Record<string, unknown> } };
}

describe('OAuth', () => {
  it('issues a token with expires_in as the string "3599", like real Daraja', async () => {
    await start();
    const basic = Buffer.from(`${daraja.consumerKey}:${daraja.consumerSecret}`).toString('base64');
    const response = await fetch(`${daraja.baseUrl}/oauth/v1/generate?grant_type=client_credentials`, {
      headers: { authorization: `Basic ${basic}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ access_token: expect.stringMatching(/^\w{28}$/), expires_in: '3599' });
    expect(daraja.stats.oauthRequests).toBe(1);
  });

  it('can send expires_in as a number, like the docs', async () => {
    await start({ expiresInFormat: 'number', tokenLifetimeSeconds: 60 });
    const basic = Buffer.from(`${daraja.consumerKey}:${daraja.consumerSecret}`).toString('base64');
    const response = await fetch(`${daraja.baseUrl}/oauth/v1/generate?grant_type=client_credentials`, {
      headers: { authorization: `Basic ${basic}` },
    });
    expect(((await response.json()) as { expires_in: unknown }).expires_in).toBe(60);
  });

  it('refuses wrong credentials and a wrong grant type with Daraja error bodies', async () => {
    await start();
    const wrong = Buffer.from(`${daraja.consumerKey}:nope`).toString('base64');
    const refused = await fetch(`${daraja.baseUrl}/oauth/v1/generate?grant_type=client_credentials`, {
      headers: { authorization: `Basic ${wrong}` },
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ requestId: expect.any(String), errorCode: '400.008.01' });
    const grant = await fetch(`${daraja.baseUrl}/oauth/v1/generate?grant_type=password`);
    expect(await grant.json()).toMatchObject({ errorCode: '400.008.02' });
  });

  it('answers an unknown, expired or missing token with HTTP 404 and 404.001.03', async () => {
    await start();
    const { transactionId } = daraja.addTransaction({ amount: 200 });
    expect(await reverse(body(transactionId), 'not-a-token')).toMatchObject({
      status: 404,
      json: { errorCode: '404.001.03', errorMessage: 'Invalid Access Token' },
    });
    const issued = await token();
    daraja.expireTokens();
    expect((await reverse(body(transactionId), issued)).json.errorCode).toBe('404.001.03');
  });

  it('enforces the token lifetime', async () => {
    await start({ tokenLifetimeSeconds: 0 });
    const { transactionId } = daraja.addTransaction({ amount: 200 });
    expect((await reverse(body(transactionId))).status).toBe(404);
  });
});

describe('reversal request validation', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['the correctly spelt ReceiverIdentifierType', { ReceiverIdentifierType: '11' }, 'RecieverIdentifierType'],
    ['RecieverIdentifierType 4', { RecieverIdentifierType: '4' }, 'RecieverIdentifierType'],
    ['RecieverIdentifierType as a number', { RecieverIdentifierType: 11 }, 'RecieverIdentifierType'],
    ['a wrong CommandID', { CommandID: 'Reversal' }, 'CommandID'],
    ['a one-character Remarks', { Remarks: 'x' }, 'Remarks'],
    ['a 101-character Remarks', { Remarks: 'x'.repeat(101) }, 'Remarks'],
    ['a relative ResultURL', { ResultURL: '/result' }, 'ResultURL'],
    ['a missing QueueTimeOutURL', { QueueTimeOutURL: undefined }, 'QueueTimeOutURL'],
    ['a negative Amount', { Amount: '-5' }, 'Amount'],
    ['a lower-case TransactionID', { TransactionID: 'pdu91hivit' }, 'TransactionID'],
    ['a misspelt Occassion', { Occassion: 'x' }, 'Occassion'],
  ];
  for (const [name, overrides, field] of cases) {
    it(`rejects ${name} with 400.002.02`, async () => {
      await start();
      const { transactionId } = daraja.addTransaction({ amount: 200 });
      const result = await reverse(body(transactionId, overrides));
      expect(result).toMatchObject({
        status: 400,
        json: { errorCode: '400.002.02', errorMessage: `Bad Request - Invalid ${field}` },
      });
    });
  }
});

describe('reversal outcomes', () => {
  it('acknowledges, reverses once, and POSTs the success callback to the ResultURL', async () => {
    await start();
    const { transactionId } = daraja.addTransaction({ amount: 200, customer: '254712345678 - JANE DOE' });
    const payload = body(transactionId);
    const { status, json } = await reverse(payload);
    expect(status).toBe(200);
    expect(json).toMatchObject({ ResponseCode: '0', ConversationID: expect.stringMatching(/^AG_\d{8}_/) });
    const callback = await callbackFor(payload);
    expect(callback.url).toBe(payload.ResultURL);
    expect(callback.json.Result).toMatchObject({
      ResultType: 0,
      ResultCode: 0,
      ConversationID: json.ConversationID,
      OriginatorConversationID: json.OriginatorConversationID,
      TransactionID: daraja.transaction(transactionId)?.reversalTransactionId,
    });
    const parameters = (callback.json.Result.ResultParameters as { ResultParameter: { Key: string; Value: unknown }[] })
      .ResultParameter;
    expect(Object.fromEntries(parameters.map((p) => [p.Key, p.Value]))).toMatchObject({
      Amount: 200,
      OriginalTransactionID: transactionId,
      CreditPartyPublicName: '254712345678 - JANE DOE',
      DebitAccountBalance: 'Utility Account|KES|999800.00|999800.00|0.00|0.00',
      TransCompletedTime: expect.any(Number),
    });
    expect(daraja.requests().at(-1)?.credentialValid).toBe(true);

    const again = body(transactionId);
    await reverse(again);
    expect((await callbackFor(again)).json.Result).toMatchObject({ ResultCode: 'R000001' });
    expect(daraja.utilityBalance).toBe('999800.00');
  });

  it('reverses a transaction at most once under concurrent requests', async () => {
    await start();
    const { transactionId } = daraja.addTransaction({ amount: 50 });
    const accessToken = await token();
    const payloads = Array.from({ length: 25 }, () => body(transactionId, { Amount: 50 }));
    await Promise.all(payloads.map((payload) => reverse(payload, accessToken)));
    const codes = await Promise.all(payloads.map(async (p) => (await callbackFor(p)).json.Result.ResultCode));
    expect(codes.filter((code) => code === 0)).toHaveLength(1);
    expect(codes.filter((code) => code === 'R000001')).toHaveLength(24);
  });

  it('answers a wrong initiator password with 2001 (the credential is really decrypted)', async () => {
    await start();
    const { transactionId } = daraja.addTransaction({ amount: 200 });
    const payload = body(transactionId, { SecurityCredential: encrypt('wrong', daraja.certificatePem) });
    await reverse(payload);
    expect((await callbackFor(payload)).json.Result).toMatchObject({ ResultCode: 2001 });
    expect(daraja.requests().at(-1)?.credentialValid).toBe(false);
    expect(daraja.transaction(transactionId)?.reversalTransactionId).toBeUndefined();
  });

  it('answers an unknown transaction with R000002', async () => {
    await start();
    const payload = body('ZZZ0000000');
    await reverse(payload);
    expect((await callbackFor(payload)).json.Result).toMatchObject({ ResultCode: 'R000002' });
  });

  it('answers an amount different from the original with the configured failure', async () => {
    await start({ amountMismatch: { resultCode: 'R000009', resultDesc: 'Amount mismatch' } });
    const { transactionId } = daraja.addTransaction({ amount: 200 });
    const payload = body(transactionId, { Amount: '150' });
    await reverse(payload);
    expect((await callbackFor(payload)).json.Result).toMatchObject({ ResultCode: 'R000009' });
  });

  it('answers insufficient funds when the Utility Account cannot fund the reversal', async () => {
    await start({ utilityBalance: '100.00' });
    const { transactionId } = daraja.addTransaction({ amount: 200 });
    const payload = body(transactionId);
    await reverse(payload);
    expect((await callbackFor(payload)).json.Result).toMatchObject({ ResultCode: 1 });
  });

  for (const [scenario, code] of Object.entries(DARAJA_RESULT_SCENARIOS)) {
    it(`scenario ${scenario} → failure callback with ResultCode ${code.resultCode}`, async () => {
      await start();
      const { transactionId } = daraja.addTransaction({ amount: 200, scenario: scenario as DarajaScenario });
      const payload = body(transactionId);
      expect((await reverse(payload)).json.ResponseCode).toBe('0');
      const { json } = await callbackFor(payload);
      expect(json.Result).toMatchObject({ ResultCode: code.resultCode, ResultDesc: code.resultDesc });
      expect(json.Result.ResultParameters).toBeUndefined();
    });
  }

  for (const [scenario, errorCode] of Object.entries(DARAJA_SYNC_ERROR_SCENARIOS)) {
    it(`scenario ${scenario} → synchronous ${errorCode}`, async () => {
      await start();
      const { transactionId } = daraja.addTransaction({ amount: 200, scenario: scenario as DarajaScenario });
      const result = await reverse(body(transactionId));
      expect(result.status).toBe(Number(errorCode.slice(0, 3)));
      expect(result.json).toMatchObject({ errorCode, requestId: expect.any(String) });
    });
  }

  it('scenario expired-token → 404.001.03 once, then a fresh token succeeds', async () => {
    await start();
    const { transactionId } = daraja.addTransaction({ amount: 200, scenario: 'expired-token' });
    const accessToken = await token();
    expect((await reverse(body(transactionId), accessToken)).json.errorCode).toBe('404.001.03');
    expect((await reverse(body(transactionId), accessToken)).json.errorCode).toBe('404.001.03');
    expect((await reverse(body(transactionId))).json.ResponseCode).toBe('0');
  });

  it('scenario queue-timeout → the timeout callback goes to the QueueTimeOutURL, nothing reversed', async () => {
    await start();
    const { transactionId } = daraja.addTransaction({ amount: 200, scenario: 'queue-timeout' });
    const payload = body(transactionId);
    await reverse(payload);
    const callback = await callbackFor(payload);
    expect(callback.url).toBe(payload.QueueTimeOutURL);
    expect(callback.json.Result).toMatchObject({ ResultType: 1, ResultDesc: 'The service request timed out.' });
    expect(daraja.transaction(transactionId)?.reversalTransactionId).toBeUndefined();
  });

  it('scenario slow-response → the acknowledgement outlasts a client timeout, the reversal still happens', async () => {
    await start({ slowResponseMs: 2000 });
    const { transactionId } = daraja.addTransaction({ amount: 200, scenario: 'slow-response' });
    const payload = body(transactionId);
    const accessToken = await token();
    const attempt = fetch(`${daraja.baseUrl}/mpesa/reversal/v1/request`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(200),
    });
    await expect(attempt).rejects.toThrow();
    expect((await callbackFor(payload)).json.Result.ResultCode).toBe(0);
  });

  it('scenario dropped-connection → the socket dies mid-answer, the reversal still happens', async () => {
    await start();
    const { transactionId } = daraja.addTransaction({ amount: 200, scenario: 'dropped-connection' });
    const payload = body(transactionId);
    await expect(reverse(payload)).rejects.toThrow();
    expect((await callbackFor(payload)).json.Result.ResultCode).toBe(0);
    expect(daraja.transaction(transactionId)?.reversalTransactionId).toBeDefined();
  });

  it('scenario no-callback → reversed, but no callback ever comes', async () => {
    await start();
    const { transactionId } = daraja.addTransaction({ amount: 200, scenario: 'no-callback' });
    expect((await reverse(body(transactionId))).json.ResponseCode).toBe('0');
    await daraja.close();
    expect(daraja.deliveries()).toHaveLength(0);
    expect(daraja.transaction(transactionId)?.reversalTransactionId).toBeDefined();
  });

  it('survives a callback receiver that is down', async () => {
    await start();
    const { transactionId } = daraja.addTransaction({ amount: 200 });
    const payload = body(transactionId, { ResultURL: 'http://127.0.0.1:1/result' });
    await reverse(payload);
    await expect.poll(() => daraja.stats.callbackFailures, { timeout: 10_000 }).toBe(1);
    expect(daraja.deliveries().at(-1)).toMatchObject({ error: expect.any(String) });
    expect((await reverse(body(daraja.addTransaction({ amount: 200 }).transactionId))).status).toBe(200);
  });

  it('reports each failed delivery once: a closed port (error) and a receiver answering 500 (status)', async () => {
    const reported: unknown[] = [];
    await start({ onDeliveryFailure: (delivery) => reported.push(delivery) });
    const failing = await startCallbackRecorder({ status: 500 });
    try {
      const refused = body(daraja.addTransaction({ amount: 200 }).transactionId, { ResultURL: 'http://127.0.0.1:1/result' });
      const answered500 = body(daraja.addTransaction({ amount: 200 }).transactionId, { ResultURL: `${failing.url}/result` });
      const delivered = body(daraja.addTransaction({ amount: 200 }).transactionId);
      for (const payload of [refused, answered500, delivered]) await reverse(payload);
      await expect.poll(() => daraja.deliveries().length, { timeout: 10_000 }).toBe(3);
      expect(daraja.failedDeliveries()).toHaveLength(2);
      expect(daraja.failedDeliveries()).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'result', url: refused.ResultURL, error: expect.any(String) }),
          expect.objectContaining({ kind: 'result', url: answered500.ResultURL, status: 500 }),
        ]),
      );
      expect(reported).toEqual(daraja.failedDeliveries());
    } finally {
      await failing.close();
    }
  });

  it('ignores an onDeliveryFailure listener that throws', async () => {
    await start({
      onDeliveryFailure: () => {
        throw new Error('listener bug');
      },
    });
    await reverse(body(daraja.addTransaction({ amount: 200 }).transactionId, { ResultURL: 'http://127.0.0.1:1/result' }));
    await expect.poll(() => daraja.failedDeliveries().length, { timeout: 10_000 }).toBe(1);
    expect((await reverse(body(daraja.addTransaction({ amount: 200 }).transactionId))).status).toBe(200);
  });

  it('answers an unknown path with 404.001.01', async () => {
    await start();
    const response = await fetch(`${daraja.baseUrl}/mpesa/reversal/v2/request`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ errorCode: '404.001.01' });
  });
});

describe('configuration for clients', () => {
  it('listens on the port it is given', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    expect((await start({ port })).baseUrl).toBe(`http://127.0.0.1:${port}`);
  });

  it('offers provider options and environment variables that point at it', async () => {
    const simulator = await start();
    expect(simulator.providerOptions).toEqual({
      baseUrl: simulator.baseUrl,
      consumerKey: simulator.consumerKey,
      consumerSecret: simulator.consumerSecret,
      initiatorName: simulator.initiatorName,
      initiatorPassword: simulator.initiatorPassword,
      certificate: simulator.certificatePem,
      shortCode: simulator.shortCode,
    });
    expect(simulator.environment).toMatchObject({
      REVERSAL_PROVIDER: 'safaricom-ke',
      MPESA_KE_BASE_URL: simulator.baseUrl,
      MPESA_KE_CERTIFICATE: simulator.certificatePem,
    });
  });
});
