import { constants, publicEncrypt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVodacomMzSimulator } from './start-vodacom-mz-simulator.js';
import type { VodacomMzSimulator } from './vodacom-mz-simulator.js';

let simulator: VodacomMzSimulator;
let bearer: string;

const tokenFor = (apiKey: string, publicKeyPem: string) =>
  publicEncrypt({ key: publicKeyPem, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(apiKey)).toString('base64');

beforeAll(async () => {
  simulator = await startVodacomMzSimulator();
  bearer = tokenFor(simulator.apiKey, simulator.publicKeyPem);
});
afterAll(() => simulator.close());

let counter = 0;
const nextReference = () => `REF${Date.now().toString(36)}${counter++}`.toUpperCase();

function reversalBody(transactionId: string, extra: Record<string, unknown> = {}) {
  return {
    input_TransactionID: transactionId,
    input_SecurityCredential: simulator.securityCredential,
    input_InitiatorIdentifier: simulator.initiatorIdentifier,
    input_ThirdPartyReference: nextReference(),
    input_ServiceProviderCode: simulator.serviceProviderCode,
    ...extra,
  };
}

async function reverse(body: unknown, token = bearer, signal?: AbortSignal) {
  const response = await fetch(`${simulator.baseUrl}:${simulator.ports.reversal}/ipg/v1x/reversal/`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', origin: '*' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

async function queryStatus(parameters: Record<string, string>, token = bearer) {
  const query = new URLSearchParams(parameters);
  const response = await fetch(`${simulator.baseUrl}:${simulator.ports.status}/ipg/v1x/queryTransactionStatus/?${query}`, {
    headers: { authorization: `Bearer ${token}`, origin: '*' },
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

const statusOf = (queryReference: string) =>
  queryStatus({
    input_QueryReference: queryReference,
    input_ServiceProviderCode: simulator.serviceProviderCode,
    input_ThirdPartyReference: nextReference(),
  });

describe('the Vodacom Mozambique simulator', () => {
  it('hands out its public key as base64 DER without headers and as PEM, 4096-bit by default', () => {
    expect(simulator.publicKey).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(simulator.publicKeyPem.replace(/-----[A-Z ]+-----|\s/g, '')).toBe(simulator.publicKey);
    expect(bearer).toHaveLength(684);
  });

  it('applies a full reversal and answers 201 INS-0 with the output fields', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '250.50' });
    const body = reversalBody(transactionId);
    const { status, body: answer } = await reverse(body);
    expect(status).toBe(201);
    expect(answer).toMatchObject({
      output_ResponseCode: 'INS-0',
      output_ResponseDesc: 'Request processed successfully',
      output_ThirdPartyReference: body.input_ThirdPartyReference,
    });
    expect(answer.output_TransactionID).toMatch(/^[A-Z0-9]{10}$/);
    expect(answer.output_ConversationID).toMatch(/^[0-9a-f]{32}$/);
    expect(simulator.transaction(transactionId)).toMatchObject({ reversed: '250.50', remaining: '0.00' });
  });

  it('never lets partial reversals exceed the original amount', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '100.00' });
    expect((await reverse(reversalBody(transactionId, { input_ReversalAmount: '40.10' }))).status).toBe(201);
    const over = await reverse(reversalBody(transactionId, { input_ReversalAmount: '59.91' }));
    expect([over.status, over.body.output_ResponseCode]).toEqual([400, 'INS-15']);
    expect((await reverse(reversalBody(transactionId, { input_ReversalAmount: '59.90' }))).status).toBe(201);
    const nothingLeft = await reverse(reversalBody(transactionId));
    expect(nothingLeft.body.output_ResponseCode).toBe('INS-15');
    expect(simulator.transaction(transactionId)).toMatchObject({ reversed: '100.00', remaining: '0.00' });
  });

  it('answers a repeated reference with 409 INS-10 and reverses nothing more', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '100' });
    const body = reversalBody(transactionId, { input_ReversalAmount: '10' });
    expect((await reverse(body)).status).toBe(201);
    const repeated = await reverse(body);
    expect([repeated.status, repeated.body.output_ResponseCode]).toEqual([409, 'INS-10']);
    expect(simulator.transaction(transactionId)?.reversed).toBe('10.00');
  });

  it('answers 401 INS-2 to a token for another API key, a garbage token or none', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '5' });
    for (const token of [tokenFor('wrong-key', simulator.publicKeyPem), 'bm90IGEgdG9rZW4=', '']) {
      const { status, body } = await reverse(reversalBody(transactionId), token);
      expect([status, body.output_ResponseCode]).toEqual([401, 'INS-2']);
    }
    expect(simulator.transaction(transactionId)?.reversed).toBe('0.00');
  });

  it.each([
    ['a missing parameter', { input_SecurityCredential: undefined }, 'INS-20'],
    ['a reference over 20 characters', { input_ThirdPartyReference: 'A'.repeat(21) }, 'INS-17'],
    ['an empty reference', { input_ThirdPartyReference: '' }, 'INS-17'],
    ['whitespace in the reference', { input_ThirdPartyReference: 'ORDER 1' }, 'INS-19'],
    ['an amount that is not a decimal string', { input_ReversalAmount: 'ten' }, 'INS-15'],
    ['an amount with three decimals', { input_ReversalAmount: '1.001' }, 'INS-15'],
    ['an amount sent as a JSON number', { input_ReversalAmount: 10 }, 'INS-15'],
    ['a zero amount', { input_ReversalAmount: '0.00' }, 'INS-15'],
    ['an unknown transaction', { input_TransactionID: 'NOSUCHTX01' }, 'INS-18'],
    ['a malformed transaction id', { input_TransactionID: 'has space' }, 'INS-18'],
    ['another shortcode', { input_ServiceProviderCode: '999999' }, 'INS-13'],
    ['another initiator', { input_InitiatorIdentifier: 'someone' }, 'INS-24'],
    ['another security credential', { input_SecurityCredential: 'guess' }, 'INS-25'],
    ['the misspelt input_Amount field', { input_Amount: '10' }, 'INS-21'],
    ['a non-string field', { input_ServiceProviderCode: 171717 }, 'INS-21'],
  ])('refuses %s with %s', async (_name, change, code) => {
    const { transactionId } = simulator.addTransaction({ amount: '50' });
    const { status, body } = await reverse(reversalBody(transactionId, change));
    expect(body.output_ResponseCode).toBe(code);
    expect(status).toBe(400);
    expect(simulator.transaction(transactionId)?.reversed).toBe('0.00');
  });

  it('refuses a body that is not JSON with INS-21', async () => {
    expect((await reverse('{not json')).body.output_ResponseCode).toBe('INS-21');
  });

  it('answers status queries from the ledger by reference, conversation id or reversal id', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '30' });
    const body = reversalBody(transactionId);
    const { body: answer } = await reverse(body);
    for (const queryReference of [body.input_ThirdPartyReference, answer.output_ConversationID!, answer.output_TransactionID!]) {
      const { status, body: state } = await statusOf(queryReference);
      expect(status).toBe(200);
      expect(state).toMatchObject({
        output_ResponseCode: 'INS-0',
        output_ResponseTransactionStatus: 'Completed',
        output_ConversationID: answer.output_ConversationID,
      });
    }
    expect((await statusOf('NEVERSEEN1')).body.output_ResponseTransactionStatus).toBe('N/A');
  });

  it('validates status queries: bearer, parameters and shortcode', async () => {
    const wrongToken = tokenFor('nope', simulator.publicKeyPem);
    expect((await queryStatus({ input_QueryReference: 'X' }, wrongToken)).status).toBe(401);
    expect((await queryStatus({ input_QueryReference: 'X' })).body.output_ResponseCode).toBe('INS-20');
    const wrongShortcode = await queryStatus({
      input_QueryReference: 'X',
      input_ServiceProviderCode: '1',
      input_ThirdPartyReference: 'Q1',
    });
    expect(wrongShortcode.body.output_ResponseCode).toBe('INS-13');
  });

  it('serves each API on its own port only', async () => {
    const wrongPort = await fetch(`${simulator.baseUrl}:${simulator.ports.status}/ipg/v1x/reversal/`, { method: 'PUT' });
    expect(wrongPort.status).toBe(404);
    const wrongMethod = await fetch(`${simulator.baseUrl}:${simulator.ports.reversal}/ipg/v1x/reversal/`, { method: 'POST' });
    expect(wrongMethod.status).toBe(405);
  });

  it('records the requests it received', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '1' });
    const body = reversalBody(transactionId);
    await reverse(body);
    const last = simulator.requests().at(-1);
    expect(last).toMatchObject({ operation: 'reversal', method: 'PUT', body });
    expect(last?.headers.origin).toBe('*');
  });

  it('returns a frozen snapshot from addTransaction, the same as transaction(id)', () => {
    const added = simulator.addTransaction({ amount: 12 });
    expect(added).toEqual({ transactionId: added.transactionId, amount: '12.00', reversed: '0.00', remaining: '12.00' });
    expect(Object.isFrozen(added)).toBe(true);
    expect(simulator.transaction(added.transactionId)).toEqual(added);
    expect(simulator.transaction('NOSUCHPAYMENT')).toBeUndefined();
  });

  it('answers every reversal of a payment with the scenario given to addTransaction', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '50.00', scenario: { responseCode: 'INS-2006' } });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const { status, body } = await reverse(reversalBody(transactionId));
      expect({ status, code: body.output_ResponseCode }).toEqual({ status: 422, code: 'INS-2006' });
    }
    expect(simulator.transaction(transactionId)?.reversed).toBe('0.00');
  });
});
