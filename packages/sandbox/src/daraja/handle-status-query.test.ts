import forge from 'node-forge';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CallbackRecorder, startCallbackRecorder } from './callback-recorder.js';
import { DARAJA_STATUS_SYNC_ERROR_SCENARIOS, type DarajaStatusScenario } from './daraja-status-scenario.js';
import type { DarajaSimulator } from './daraja-simulator.js';
import { DARAJA_ERRORS } from './daraja-errors.js';
import type { DarajaScenario } from './daraja-scenario.js';
import { startDarajaSimulator } from './start-daraja-simulator.js';

// Transaction Status over real HTTP: the simulator answers from its ledger, by callback to the
// query's own ResultURL.

const encrypt = (password: string, certificatePem: string): string => {
  const publicKey = forge.pki.certificateFromPem(certificatePem).publicKey as forge.pki.rsa.PublicKey;
  return forge.util.encode64(publicKey.encrypt(forge.util.encodeUtf8(password), 'RSAES-PKCS1-V1_5'));
};

type Json = Record<string, unknown>;
type StatusResult = {
  ResultType: number;
  ResultCode: number | string;
  OriginatorConversationID: string;
  ConversationID: string;
  ResultParameters?: { ResultParameter: Array<{ Key: string; Value?: string | number }> };
  ReferenceData?: unknown;
};

let daraja: DarajaSimulator;
let recorder: CallbackRecorder;
let sequence = 0;

beforeAll(async () => {
  recorder = await startCallbackRecorder();
});
afterAll(() => recorder.close());
afterEach(() => daraja?.close());

async function start(options: Parameters<typeof startDarajaSimulator>[0] = {}) {
  daraja = await startDarajaSimulator({ callbackDelayMs: 1, ...options });
  return daraja;
}

async function token(): Promise<string> {
  const basic = Buffer.from(`${daraja.consumerKey}:${daraja.consumerSecret}`).toString('base64');
  const response = await fetch(`${daraja.baseUrl}/oauth/v1/generate?grant_type=client_credentials`, {
    headers: { authorization: `Basic ${basic}` },
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

async function post(path: string, payload: unknown, authorization?: string) {
  const response = await fetch(`${daraja.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: authorization ?? `Bearer ${await token()}` },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  return { status: response.status, json: (await response.json()) as Json };
}

/** Reverses a payment; returns the acknowledgement and the URLs its callbacks go to. */
async function reverse(transactionId: string, amount = '200') {
  sequence += 1;
  const payload = {
    Initiator: daraja.initiatorName,
    SecurityCredential: encrypt(daraja.initiatorPassword, daraja.certificatePem),
    CommandID: 'TransactionReversal',
    TransactionID: transactionId,
    Amount: amount,
    ReceiverParty: daraja.shortCode,
    RecieverIdentifierType: '11',
    ResultURL: `${recorder.url}/reversal/result?n=${sequence}`,
    QueueTimeOutURL: `${recorder.url}/reversal/timeout?n=${sequence}`,
    Remarks: 'Payment reversal',
  };
  const { json } = await post('/mpesa/reversal/v1/request', payload);
  return { ...payload, originatorConversationId: json.OriginatorConversationID as string };
}

function statusBody(ids: { TransactionID?: string; OriginalConversationID?: string }, overrides: Json = {}) {
  sequence += 1;
  return {
    Initiator: daraja.initiatorName,
    SecurityCredential: encrypt(daraja.initiatorPassword, daraja.certificatePem),
    CommandID: 'TransactionStatusQuery',
    ...ids,
    PartyA: daraja.shortCode,
    IdentifierType: '4',
    ResultURL: `${recorder.url}/status/result?n=${sequence}`,
    QueueTimeOutURL: `${recorder.url}/status/timeout?n=${sequence}`,
    Remarks: 'OK',
    ...overrides,
  };
}

async function query(ids: { TransactionID?: string; OriginalConversationID?: string }, overrides: Json = {}) {
  const payload = statusBody(ids, overrides);
  const answer = await post('/mpesa/transactionstatus/v1/query', payload);
  return { payload, answer };
}

/** The callback a status query got (result or timeout notice), parsed. */
async function resultOf(payload: { ResultURL: string; QueueTimeOutURL: string }) {
  const received = await recorder.waitFor((c) => c.url === payload.ResultURL || c.url === payload.QueueTimeOutURL);
  return { url: received.url, text: received.body, result: () => (JSON.parse(received.body) as { Result: StatusResult }).Result };
}

const parameters = (result: StatusResult) =>
  Object.fromEntries((result.ResultParameters?.ResultParameter ?? []).map((item) => [item.Key, item.Value]));

async function statusOf(ids: { TransactionID?: string; OriginalConversationID?: string }) {
  const { payload, answer } = await query(ids);
  expect(answer.json.ResponseCode).toBe('0');
  const result = (await resultOf(payload)).result();
  return { payload, answer, result, parameters: parameters(result) };
}

describe('Transaction Status answers from the ledger', () => {
  it('a reversal that was applied, by its originator conversation id: Completed, with its receipt and ids', async () => {
    await start();
    const { transactionId } = daraja.addTransaction({ amount: 200 });
    const reversal = await reverse(transactionId);
    const { answer, payload, result, parameters } = await statusOf({ OriginalConversationID: reversal.originatorConversationId });
    expect(answer).toEqual({
      status: 200,
      json: {
        OriginatorConversationID: expect.any(String),
        ConversationID: expect.stringMatching(/^AG_\d{8}_/),
        ResponseCode: '0',
        ResponseDescription: 'Accept the service request successfully.',
      },
    });
    expect(result).toMatchObject({
      ResultType: 0,
      ResultCode: 0,
      OriginatorConversationID: answer.json.OriginatorConversationID,
      ConversationID: answer.json.ConversationID,
    });
    expect(parameters).toMatchObject({
      TransactionStatus: 'Completed',
      ReceiptNo: daraja.transaction(transactionId)?.reversalTransactionId,
      OriginatorConversationID: reversal.originatorConversationId,
      Amount: 200,
      ReasonType: 'Reversal',
    });
    expect(parameters.OriginatorConversationID).not.toBe(result.OriginatorConversationID);
    expect(daraja.statusQueries().at(-1)).toMatchObject({ answer: '0', credentialValid: true, validated: { ResultURL: payload.ResultURL } });
    expect(daraja.stats).toMatchObject({ reversalRequests: 1, statusQueries: 1, statusAcknowledged: 1 });
  });

  it("a reversal by its own receipt: the same answer; the receipt wins when both ids are sent", async () => {
    await start();
    const { transactionId } = daraja.addTransaction({ amount: 200 });
    const reversal = await reverse(transactionId);
    const receipt = daraja.transaction(transactionId)!.reversalTransactionId!;
    expect((await statusOf({ TransactionID: receipt })).parameters).toMatchObject({
      TransactionStatus: 'Completed',
      ReceiptNo: receipt,
      OriginatorConversationID: reversal.originatorConversationId,
    });
    const other = daraja.addTransaction({ amount: 100 });
    expect((await statusOf({ TransactionID: receipt, OriginalConversationID: (await reverse(other.transactionId, '100')).originatorConversationId })).parameters).toMatchObject({
      ReceiptNo: receipt,
    });
  });

  it('a reversal M-Pesa refused: Declined, no receipt', async () => {
    await start();
    const { transactionId } = daraja.addTransaction({ amount: 200, scenario: 'insufficient-funds' });
    const reversal = await reverse(transactionId);
    const { parameters, result } = await statusOf({ OriginalConversationID: reversal.originatorConversationId });
    expect(parameters).toMatchObject({ TransactionStatus: 'Declined', ReceiptNo: undefined });
    expect(result.ResultParameters?.ResultParameter).toContainEqual({ Key: 'ReceiptNo' });
  });

  it('a reversal that timed out in the queue: Expired when not applied, Completed when applied all the same', async () => {
    await start();
    const lost = daraja.addTransaction({ amount: 200, scenario: 'queue-timeout' });
    const applied = daraja.addTransaction({ amount: 200, scenario: 'queue-timeout-reversed' });
    const lostReversal = await reverse(lost.transactionId);
    const appliedReversal = await reverse(applied.transactionId);
    const notice = await resultOf(appliedReversal);
    expect(notice.url).toBe(appliedReversal.QueueTimeOutURL);
    expect((await statusOf({ OriginalConversationID: lostReversal.originatorConversationId })).parameters.TransactionStatus).toBe('Expired');
    expect((await statusOf({ OriginalConversationID: appliedReversal.originatorConversationId })).parameters).toMatchObject({
      TransactionStatus: 'Completed',
      ReceiptNo: daraja.transaction(applied.transactionId)?.reversalTransactionId,
    });
  });

  it('a reversal whose callback was never sent (no-callback): Completed', async () => {
    await start();
    const { transactionId } = daraja.addTransaction({ amount: 200, scenario: 'no-callback' });
    const reversal = await reverse(transactionId);
    expect((await statusOf({ OriginalConversationID: reversal.originatorConversationId })).parameters.TransactionStatus).toBe('Completed');
    expect(daraja.deliveries().filter((delivery) => delivery.kind === 'result')).toHaveLength(0);
  });

  it('an id it never issued (a reversal that never arrived): a failed-query result without ResultParameters', async () => {
    await start();
    const { result } = await statusOf({ OriginalConversationID: 'f1e2-4b95-a71d-b30d3cdbb7a7735297' });
    expect(result).toMatchObject({ ResultType: 0, ResultCode: 'R000002' });
    expect(result.ResultParameters).toBeUndefined();
    expect((await statusOf({ TransactionID: 'QQQ1234567' })).result.ResultCode).toBe('R000002');
  });

  it('an id for another short code finds nothing; statusNotFound sets the code', async () => {
    await start({ statusNotFound: { resultCode: 1032, resultDesc: 'Not found' } });
    const { transactionId } = daraja.addTransaction({ amount: 200 });
    const { payload } = await query({ TransactionID: transactionId }, { PartyA: '600000' });
    expect((await resultOf(payload)).result()).toMatchObject({ ResultCode: 1032, ResultDesc: 'Not found' });
  });

  it("the payment's own receipt: the payment (Completed, Pay Bill Online) even after its reversal, never the reversal", async () => {
    await start();
    const { transactionId } = daraja.addTransaction({ amount: 200 });
    await reverse(transactionId);
    const { parameters } = await statusOf({ TransactionID: transactionId });
    expect(parameters).toMatchObject({ TransactionStatus: 'Completed', ReceiptNo: transactionId, ReasonType: 'Pay Bill Online', OriginatorConversationID: undefined });
  });

  it('echoes Occasion in ReferenceData', async () => {
    await start();
    const { transactionId } = daraja.addTransaction({ amount: 200 });
    const { payload } = await query({ TransactionID: transactionId }, { Occasion: 'ref-42' });
    expect((await resultOf(payload)).result().ReferenceData).toEqual({ ReferenceItem: { Key: 'Occasion', Value: 'ref-42' } });
  });
});

describe('refusals', () => {
  it('a wrong SecurityCredential: acknowledged, then 2001 "The initiator information is invalid."', async () => {
    await start();
    const { transactionId } = daraja.addTransaction({ amount: 200 });
    const { payload } = await query({ TransactionID: transactionId }, { SecurityCredential: encrypt('wrong', daraja.certificatePem) });
    expect((await resultOf(payload)).result()).toMatchObject({ ResultCode: 2001, ResultDesc: 'The initiator information is invalid.' });
    expect(daraja.statusQueries().at(-1)?.credentialValid).toBe(false);
  });

  it('an initiator without the "Transaction Status query ORG API" role: 2001, while its reversals work', async () => {
    await start({ statusQueryRole: false });
    const { transactionId } = daraja.addTransaction({ amount: 200 });
    const reversal = await reverse(transactionId);
    expect((await resultOf(reversal)).result().ResultCode).toBe(0);
    const { payload } = await query({ OriginalConversationID: reversal.originatorConversationId });
    const result = (await resultOf(payload)).result();
    expect(result).toMatchObject({ ResultCode: 2001 });
    expect(result.ResultParameters).toBeUndefined();
  });

  it.each([
    ['spaces in "Command ID" (the documentation sample)', { 'Command ID': 'TransactionStatusQuery' }, 'Bad Request - Invalid Command ID'],
    ['no id at all', { TransactionID: undefined, OriginalConversationID: undefined }, 'Bad Request - Invalid TransactionID'],
    ['a lowercase receipt', { TransactionID: 'nef61h8j60' }, 'Bad Request - Invalid TransactionID'],
    ['IdentifierType as a number', { IdentifierType: 4 }, 'Bad Request - Invalid IdentifierType'],
    ['no Remarks', { Remarks: undefined }, 'Bad Request - Invalid Remarks'],
  ])('validates the body: %s → 400.003.02', async (_name, overrides, message) => {
    await start();
    const payload = JSON.parse(JSON.stringify(statusBody({ TransactionID: 'NEF61H8J60' }, overrides))) as Json;
    const { status, json } = await post('/mpesa/transactionstatus/v1/query', payload);
    expect(status).toBe(400);
    expect(json).toMatchObject({ errorCode: '400.003.02', errorMessage: message });
  });

  it('invalid JSON → 400.002.05; no Bearer → 404.001.04; an unknown token → 404.001.03', async () => {
    await start();
    expect((await post('/mpesa/transactionstatus/v1/query', '{"Initiator":')).json).toMatchObject({ errorCode: '400.002.05' });
    const valid = statusBody({ TransactionID: 'NEF61H8J60' });
    expect(await post('/mpesa/transactionstatus/v1/query', valid, 'Basic abc')).toMatchObject({ status: 404, json: { errorCode: '404.001.04' } });
    expect(await post('/mpesa/transactionstatus/v1/query', valid, 'Bearer nope')).toMatchObject({ status: 404, json: { errorCode: '404.001.03' } });
    expect(daraja.stats).toMatchObject({ statusQueries: 3, statusAcknowledged: 0 });
  });
});

describe('status scenarios (per payment, about it and its reversals)', () => {
  async function reversedWith(statusScenario: DarajaStatusScenario, scenario: DarajaScenario = 'success') {
    const { transactionId } = daraja.addTransaction({ amount: 200, scenario, statusScenario });
    const reversal = await reverse(transactionId);
    return { transactionId, reversal };
  }

  for (const [scenario, code] of Object.entries(DARAJA_STATUS_SYNC_ERROR_SCENARIOS)) {
    it(`${scenario} → synchronous ${code}, every time`, async () => {
      await start();
      const { reversal } = await reversedWith(scenario as DarajaStatusScenario);
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const { answer } = await query({ OriginalConversationID: reversal.originatorConversationId });
        expect(answer).toMatchObject({ status: DARAJA_ERRORS[code].status, json: { errorCode: code } });
      }
    });
  }

  it('operator-not-found → a failed-query result SFC_IC0003', async () => {
    await start();
    const { reversal } = await reversedWith('operator-not-found');
    const { payload } = await query({ OriginalConversationID: reversal.originatorConversationId });
    expect((await resultOf(payload)).result()).toMatchObject({ ResultCode: 'SFC_IC0003', ResultDesc: 'The operator does not exist.' });
  });

  it('queue-timeout → the timeout notice to the query’s QueueTimeOutURL', async () => {
    await start();
    const { reversal } = await reversedWith('queue-timeout');
    const { payload } = await query({ OriginalConversationID: reversal.originatorConversationId });
    const notice = await resultOf(payload);
    expect(notice.url).toBe(payload.QueueTimeOutURL);
    expect(notice.result()).toMatchObject({ ResultType: 1, ResultCode: 1 });
    await expect.poll(() => daraja.deliveries().find((delivery) => delivery.url === payload.QueueTimeOutURL)?.kind).toBe('status-queue-timeout');
  });

  it('malformed-result → a result cut off halfway', async () => {
    await start();
    const { reversal } = await reversedWith('malformed-result');
    const { payload } = await query({ OriginalConversationID: reversal.originatorConversationId });
    const { text } = await resultOf(payload);
    expect(text.startsWith('{"Result":')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('no-callback → acknowledged, but no result comes (a later query’s does)', async () => {
    await start();
    const { reversal } = await reversedWith('no-callback');
    const silent = await query({ OriginalConversationID: reversal.originatorConversationId });
    expect(silent.answer.json.ResponseCode).toBe('0');
    const other = await reversedWith('answer');
    const { payload } = await query({ OriginalConversationID: other.reversal.originatorConversationId });
    await resultOf(payload);
    await expect.poll(() => daraja.deliveries().map((delivery) => delivery.url)).toContain(payload.ResultURL);
    expect(daraja.deliveries().map((delivery) => delivery.url)).not.toContain(silent.payload.ResultURL);
  });

  it('late-result → the result is held for lateResultMs: a later query’s result comes first', async () => {
    await start({ lateResultMs: 4000 });
    const late = await reversedWith('late-result');
    const first = await query({ OriginalConversationID: late.reversal.originatorConversationId });
    const prompt = await reversedWith('answer');
    const second = await query({ OriginalConversationID: prompt.reversal.originatorConversationId });
    await resultOf(second.payload);
    expect(recorder.received().map((callback) => callback.url)).not.toContain(first.payload.ResultURL);
    expect(parameters((await resultOf(first.payload)).result()).TransactionStatus).toBe('Completed');
  });

  it('expired-token → 404.001.03 once, then the query is answered', async () => {
    await start();
    const { reversal } = await reversedWith('expired-token');
    expect((await query({ OriginalConversationID: reversal.originatorConversationId })).answer.json).toMatchObject({ errorCode: '404.001.03' });
    expect((await statusOf({ OriginalConversationID: reversal.originatorConversationId })).parameters.TransactionStatus).toBe('Completed');
  });

  it('dropped-connection → the acknowledgement is cut off, the result still comes', async () => {
    await start();
    const { reversal } = await reversedWith('dropped-connection');
    const payload = statusBody({ OriginalConversationID: reversal.originatorConversationId });
    await expect(post('/mpesa/transactionstatus/v1/query', payload)).rejects.toThrow();
    expect(parameters((await resultOf(payload)).result()).TransactionStatus).toBe('Completed');
  });

  it('slow-response → the acknowledgement outlasts a client timeout, the result still comes', async () => {
    await start({ slowResponseMs: 2000 });
    const { reversal } = await reversedWith('slow-response');
    const payload = statusBody({ OriginalConversationID: reversal.originatorConversationId });
    const accessToken = await token();
    const attempt = fetch(`${daraja.baseUrl}/mpesa/transactionstatus/v1/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(200),
    });
    await expect(attempt).rejects.toThrow();
    expect(parameters((await resultOf(payload)).result()).TransactionStatus).toBe('Completed');
  });

  it('setStatusScenario changes the answer of a known payment and refuses an unknown one', async () => {
    await start();
    const { transactionId } = daraja.addTransaction({ amount: 200 });
    daraja.setStatusScenario(transactionId, 'spike-arrest');
    expect((await query({ TransactionID: transactionId })).answer.json).toMatchObject({ errorCode: '500.003.02' });
    expect(() => daraja.setStatusScenario('NOPE000000', 'answer')).toThrow(/no transaction NOPE000000/);
  });
});
