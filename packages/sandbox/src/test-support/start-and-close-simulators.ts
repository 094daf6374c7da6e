// Run as a child process by `close-lets-the-process-exit.test.ts` (node --import tsx): starts both
// simulators, leaves work pending on each of them (keep-alive and half-sent requests, held
// answers, a scheduled callback, a callback in flight to a receiver that never answers), closes
// them, then returns without calling process.exit: the process must end by itself.
import { constants, publicEncrypt } from 'node:crypto';
import { Agent, request } from 'node:http';
import { connect, createServer, type Socket } from 'node:net';
import type { DarajaSimulator } from '../daraja/daraja-simulator.js';
import { startDarajaSimulator } from '../daraja/start-daraja-simulator.js';
import { startAcmeMoneySimulator } from '../acme-money/start-acme-money-simulator.js';
import { startVodacomMzSimulator } from '../vodacom-mz/start-vodacom-mz-simulator.js';

const HOLD_MS = 120_000;
const agent = new Agent({ keepAlive: true });
const openSockets: Socket[] = [];

/** Sends a request over the keep-alive agent; resolves with the status and body once answered. */
function send(url: string, method: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const outgoing = request(url, { method, headers, agent }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** A client that completed one keep-alive request and is halfway through sending the next. */
async function halfSentRequest(port: number): Promise<void> {
  const socket = connect(port, '127.0.0.1');
  openSockets.push(socket);
  socket.on('error', () => {});
  socket.resume();
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write('GET /keep-alive HTTP/1.1\r\nHost: simulator\r\nConnection: keep-alive\r\n\r\n');
  await new Promise<void>((resolve) => socket.once('data', () => resolve()));
  socket.write('GET /half-sent HTTP/1.1\r\nHost: simulator\r\n');
}

async function reverseOnDaraja(daraja: DarajaSimulator, resultUrl: string, wait: boolean) {
  const basic = Buffer.from(`${daraja.consumerKey}:${daraja.consumerSecret}`).toString('base64');
  const oauth = await send(`${daraja.baseUrl}/oauth/v1/generate?grant_type=client_credentials`, 'GET', {
    authorization: `Basic ${basic}`,
  });
  const token = (JSON.parse(oauth.body) as { access_token: string }).access_token;
  const credential = publicEncrypt(
    { key: daraja.certificatePem, padding: constants.RSA_PKCS1_PADDING },
    Buffer.from(daraja.initiatorPassword),
  ).toString('base64');
  const { transactionId } = daraja.addTransaction({ amount: 200, scenario: wait ? 'success' : 'slow-response' });
  const answer = send(
    `${daraja.baseUrl}/mpesa/reversal/v1/request`,
    'POST',
    { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    JSON.stringify({
      Initiator: daraja.initiatorName,
      SecurityCredential: credential,
      CommandID: 'TransactionReversal',
      TransactionID: transactionId,
      Amount: '200',
      ReceiverParty: daraja.shortCode,
      RecieverIdentifierType: '11',
      ResultURL: resultUrl,
      QueueTimeOutURL: resultUrl,
      Remarks: 'Payment reversal',
    }),
  );
  if (wait) await answer;
  else answer.catch(() => {}); // held by slow-response until close() drops it
}

// A callback receiver that accepts connections and never answers.
const silentReceiver = createServer((socket) => {
  openSockets.push(socket);
  socket.on('error', () => {});
  process.stdout.write('callback in flight\n');
  callbackArrived();
});
let callbackArrived: () => void = () => {};
const callbackInFlight = new Promise<void>((resolve) => {
  callbackArrived = resolve;
});
await new Promise<void>((resolve) => silentReceiver.listen(0, '127.0.0.1', resolve));
const receiverUrl = `http://127.0.0.1:${(silentReceiver.address() as { port: number }).port}/result`;

const scheduled = await startDarajaSimulator({ callbackDelayMs: HOLD_MS, slowResponseMs: HOLD_MS });
const delivering = await startDarajaSimulator({ callbackDelayMs: 0, callbackTimeoutMs: HOLD_MS });
const vodacom = await startVodacomMzSimulator({ keyBits: 2048 });
const acme = await startAcmeMoneySimulator();

await reverseOnDaraja(scheduled, receiverUrl, true); // acknowledged; its callback waits HOLD_MS
await reverseOnDaraja(scheduled, receiverUrl, false); // its acknowledgement waits HOLD_MS
await reverseOnDaraja(delivering, receiverUrl, true); // its callback is sent at once, never answered
await callbackInFlight;

const { transactionId } = vodacom.addTransaction({ amount: '10.00', scenario: { delayMs: HOLD_MS } });
const bearer = publicEncrypt({ key: vodacom.publicKeyPem, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(vodacom.apiKey));
send(
  `${vodacom.baseUrl}:${vodacom.ports.reversal}/ipg/v1x/reversal/`,
  'PUT',
  { authorization: `Bearer ${bearer.toString('base64')}`, 'content-type': 'application/json' },
  JSON.stringify({
    input_TransactionID: transactionId,
    input_SecurityCredential: vodacom.securityCredential,
    input_InitiatorIdentifier: vodacom.initiatorIdentifier,
    input_ThirdPartyReference: 'LIVENESS1',
    input_ServiceProviderCode: vodacom.serviceProviderCode,
  }),
).catch(() => {}); // held by delayMs until close() drops it

// An Acme Money answer held until close() drops it.
const acmePayment = acme.addTransaction({ amount: '10.00', scenario: { delayMs: HOLD_MS } });
send(`${acme.baseUrl}/v1/reversals`, 'POST', { authorization: `Bearer ${acme.apiKey}`, 'content-type': 'application/json' }, JSON.stringify({ reference: 'LIVENESS2', transactionId: acmePayment.transactionId })).catch(() => {});

for (const url of [scheduled.baseUrl, delivering.baseUrl, `${vodacom.baseUrl}:${vodacom.ports.status}`, acme.baseUrl]) {
  await halfSentRequest(Number(new URL(url).port));
}
// Let the held Vodacom request reach the server before closing.
await new Promise((resolve) => setImmediate(resolve));
while (vodacom.requests().length === 0 || acme.requests().length === 0) await new Promise((resolve) => setTimeout(resolve, 10));

await Promise.all([scheduled.close(), delivering.close(), vodacom.close(), acme.close()]);
// The application's own receiver: its connection from the simulator was aborted by close().
silentReceiver.close();
agent.destroy();
process.stdout.write(`closed; failed deliveries reported after close: ${delivering.failedDeliveries().length}\n`);
