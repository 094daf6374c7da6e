import { constants, publicEncrypt } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVodacomMzSimulator, VODACOM_MZ_STANDARD_PORTS } from './start-vodacom-mz-simulator.js';
import { VODACOM_MZ_INS_CODES } from './ins-codes.js';
import type { VodacomMzSimulator } from './vodacom-mz-simulator.js';

let simulator: VodacomMzSimulator;
let bearer: string;

beforeAll(async () => {
  simulator = await startVodacomMzSimulator({ keyBits: 2048 });
  bearer = publicEncrypt(
    { key: simulator.publicKeyPem, padding: constants.RSA_PKCS1_PADDING },
    Buffer.from(simulator.apiKey),
  ).toString('base64');
});
afterAll(() => simulator.close());

let counter = 0;
function body(transactionId: string) {
  return {
    input_TransactionID: transactionId,
    input_SecurityCredential: simulator.securityCredential,
    input_InitiatorIdentifier: simulator.initiatorIdentifier,
    input_ThirdPartyReference: `SCN${counter++}`,
    input_ServiceProviderCode: simulator.serviceProviderCode,
  };
}

function reverse(payload: unknown, signal?: AbortSignal) {
  return fetch(`${simulator.baseUrl}:${simulator.ports.reversal}/ipg/v1x/reversal/`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
    ...(signal ? { signal } : {}),
  });
}

describe('simulator scenarios', () => {
  it.each(Object.entries(VODACOM_MZ_INS_CODES))('forces %s with its documented HTTP status', async (code, documented) => {
    const { transactionId } = simulator.addTransaction({ amount: '10' });
    simulator.addScenario({ transactionId, responseCode: code });
    const response = await reverse(body(transactionId));
    const answer = (await response.json()) as Record<string, string>;
    expect(response.status).toBe(documented.httpStatus);
    expect(answer).toMatchObject({ output_ResponseCode: code, output_ResponseDesc: documented.description });
    // A forced answer without `apply` leaves the ledger alone; the next request is processed normally.
    expect(simulator.transaction(transactionId)?.reversed).toBe('0.00');
    expect((await reverse(body(transactionId))).status).toBe(201);
  });

  it('forces an HTTP status that disagrees with the code, and an empty code', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '10' });
    simulator.addScenario({ transactionId, responseCode: 'INS-0', httpStatus: 500 });
    simulator.addScenario({ transactionId, responseCode: '' });
    const disagreeing = await reverse(body(transactionId));
    expect([disagreeing.status, ((await disagreeing.json()) as Record<string, string>).output_ResponseCode]).toEqual([500, 'INS-0']);
    const empty = await reverse(body(transactionId));
    expect(((await empty.json()) as Record<string, string>).output_ResponseCode).toBe('');
  });

  it('matches scenarios by reference and applies them the given number of times', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '10' });
    const first = { ...body(transactionId), input_ReversalAmount: '1' };
    simulator.addScenario({ reference: first.input_ThirdPartyReference, responseCode: 'INS-16', times: 2 });
    expect((await reverse({ ...body(transactionId), input_ReversalAmount: '1' })).status).toBe(201);
    expect((await reverse(first)).status).toBe(503);
    expect((await reverse(first)).status).toBe(503);
    expect((await reverse(first)).status).toBe(201);
    expect((await reverse(first)).status).toBe(409);
  });

  it('applies the reversal and still answers a forced error when asked (INS-23, outcome in doubt)', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '10' });
    simulator.addScenario({ transactionId, responseCode: 'INS-23', apply: true });
    expect((await reverse(body(transactionId))).status).toBe(400);
    expect(simulator.transaction(transactionId)?.reversed).toBe('10.00');
  });

  it('answers later than the client waits, having applied the reversal at once', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '10' });
    simulator.addScenario({ transactionId, delayMs: 10_000 });
    await expect(reverse(body(transactionId), AbortSignal.timeout(200))).rejects.toThrow();
    expect(simulator.transaction(transactionId)?.reversed).toBe('10.00');
  });

  it('sends a header value with a control character that strict parsers reject', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '10' });
    simulator.addScenario({ transactionId, malformedHeader: true });
    await expect(reverse(body(transactionId))).rejects.toThrow();
    expect(simulator.transaction(transactionId)?.reversed).toBe('10.00');
    // The bytes on the wire carry the control character (read with Node's lenient parser).
    simulator.addScenario({ transactionId: 'ANY1', malformedHeader: true });
    const head = await new Promise<string>((resolve, reject) => {
      const call = httpRequest(
        `${simulator.baseUrl}:${simulator.ports.reversal}/ipg/v1x/reversal/`,
        { method: 'PUT', insecureHTTPParser: true, headers: { authorization: `Bearer ${bearer}` } },
        (response) => resolve(String(response.headers['x-gateway-trace'])),
      );
      call.on('error', reject);
      call.end(JSON.stringify(body('ANY1')));
    });
    expect(head).toContain('\u0001');
  });

  it('sends a raw body instead of JSON', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '10' });
    simulator.addScenario({ transactionId, responseCode: 'INS-1', rawBody: '<html>Bad Gateway</html>' });
    const response = await reverse(body(transactionId));
    expect([response.status, await response.text()]).toEqual([500, '<html>Bad Gateway</html>']);
  });

  it('scripts the status API: a transaction status or a forced code', async () => {
    const { transactionId } = simulator.addTransaction({ amount: '10' });
    const request = body(transactionId);
    await reverse(request);
    simulator.addScenario({ operation: 'status', reference: request.input_ThirdPartyReference, transactionStatus: 'Cancelled' });
    simulator.addScenario({ operation: 'status', reference: request.input_ThirdPartyReference, responseCode: 'INS-16' });
    const url = `${simulator.baseUrl}:${simulator.ports.status}/ipg/v1x/queryTransactionStatus/?${new URLSearchParams({
      input_QueryReference: request.input_ThirdPartyReference,
      input_ServiceProviderCode: simulator.serviceProviderCode,
      input_ThirdPartyReference: 'QUERY1',
    })}`;
    const query = () => fetch(url, { headers: { authorization: `Bearer ${bearer}` } });
    const cancelled = (await (await query()).json()) as Record<string, string>;
    expect(cancelled.output_ResponseTransactionStatus).toBe('Cancelled');
    expect((await query()).status).toBe(503);
    const completed = (await (await query()).json()) as Record<string, string>;
    expect(completed.output_ResponseTransactionStatus).toBe('Completed');
  });

  it('cancels late answers when it closes', async () => {
    const other = await startVodacomMzSimulator({ keyBits: 2048, apiKey: simulator.apiKey });
    const { transactionId } = other.addTransaction({ amount: '1' });
    other.addScenario({ transactionId, delayMs: 60_000 });
    const pending = fetch(`${other.baseUrl}:${other.ports.reversal}/ipg/v1x/reversal/`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${bearer}` },
      body: JSON.stringify(body(transactionId)),
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await other.close();
    await expect(pending).rejects.toThrow();
  });

  it('keeps a bounded ledger', async () => {
    const small = await startVodacomMzSimulator({ keyBits: 2048, maxEntries: 2 });
    const first = small.addTransaction({ amount: '1' }).transactionId;
    small.addTransaction({ amount: '2' });
    small.addTransaction({ amount: '3' });
    expect(small.transaction(first)).toBeUndefined();
    await small.close();
  });

  it('listens on the real ports when asked', async () => {
    const standard = await startVodacomMzSimulator({ keyBits: 2048, ports: 'standard' });
    expect(standard.ports).toEqual(VODACOM_MZ_STANDARD_PORTS);
    expect(standard.providerOptions).toMatchObject({ reversalPort: 18354, statusPort: 18353 });
    await standard.close();
  });

  it('refuses a 1,001st pending scenario', async () => {
    const crowded = await startVodacomMzSimulator({ keyBits: 2048 });
    for (let index = 0; index < 1_000; index++) crowded.addScenario({ transactionId: `T${index}` });
    expect(() => crowded.addScenario({ transactionId: 'ONEMORE' })).toThrow(RangeError);
    crowded.clearScenarios();
    crowded.addScenario({ transactionId: 'ONEMORE' });
    await crowded.close();
  });
});
