import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DARAJA_SYNC_ERROR_SCENARIOS, isSyncErrorScenario } from './daraja-scenario.js';
import { type DarajaErrorCode, darajaError } from './daraja-errors.js';
import { decideOutcome, type ReversalOutcome } from './decide-outcome.js';
import { readTextBody, sendJson } from './http-server.js';
import { sendAcknowledgement } from './send-acknowledgement.js';
import { type ConversationIds, failureCallback, queueTimeoutCallback, successCallback } from './result-callbacks.js';
import type { SimulatorContext } from './simulator-context.js';
import { validateReversalBody, type DarajaReversalBody } from './validate-reversal-body.js';
import type { DarajaTransaction } from './ledger.js';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** Ids shaped like Daraja's: `f1e2-4b95-a71d-b30d3cdbb7a7735297` and `AG_20210706_20106e9209f64bebd05b`. */
export function newConversationIds(): ConversationIds {
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  return {
    originatorConversationId: `${hex(2)}-${hex(2)}-${hex(2)}-${hex(8)}`,
    conversationId: `AG_${day}_${hex(10)}`,
  };
}

/**
 * `POST /mpesa/reversal/v1/request`: checks the token and the exact body, answers a synchronous
 * error or an acknowledgement, then POSTs the callback the transaction's scenario calls for.
 */
export async function handleReversal(
  context: SimulatorContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  context.stats.reversalRequests += 1;
  const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  const reject = (code: DarajaErrorCode, body: unknown, message?: string) => {
    context.recordRequest({ body, answer: code, ...(token === undefined ? {} : { token }) });
    const error = darajaError(code, message);
    sendJson(response, error.status, error.body);
  };

  const text = await readTextBody(request);
  if (token === undefined || !context.tokens.isValid(token)) return reject('404.001.03', text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text ?? '');
  } catch {
    return reject('400.002.02', text, 'Bad Request - Invalid JSON');
  }
  const validation = validateReversalBody(parsed);
  if (!validation.ok) return reject('400.002.02', parsed, validation.message);
  const body = validation.body;

  const transaction = context.ledger.get(body.TransactionID);
  const scenario = transaction?.scenario ?? 'success';
  if (isSyncErrorScenario(scenario)) return reject(DARAJA_SYNC_ERROR_SCENARIOS[scenario], parsed);
  if (transaction && scenario === 'expired-token' && !transaction.tokenExpiryFired) {
    transaction.tokenExpiryFired = true;
    context.tokens.expireAll();
    return reject('404.001.03', parsed);
  }

  const password = context.decryptCredential(body.SecurityCredential);
  const credentialValid = body.Initiator === context.initiatorName && password === context.initiatorPassword;
  if (transaction) transaction.attempts += 1;
  const outcome = decideOutcome(context, body, transaction, credentialValid);
  const ids = newConversationIds();
  recordReversal(context, ids, body, transaction, outcome);
  context.stats.acknowledged += 1;
  context.recordRequest({ body: parsed, validated: body, credentialValid, answer: '0', token });
  scheduleOutcome(context, body.ResultURL, body.QueueTimeOutURL, body.TransactionID, ids, outcome);

  await sendAcknowledgement(context, response, ids, scenario === 'slow-response' || scenario === 'dropped-connection' ? scenario : 'normal');
}

function scheduleOutcome(
  context: SimulatorContext,
  resultUrl: string,
  queueTimeoutUrl: string,
  transactionId: string,
  ids: ConversationIds,
  outcome: ReversalOutcome,
): void {
  if (outcome.kind === 'queue-timeout' || (outcome.kind === 'reversed' && outcome.notice === 'queue-timeout')) {
    context.scheduleCallback('queue-timeout', queueTimeoutUrl, queueTimeoutCallback(ids));
  } else if (outcome.kind === 'failed') {
    context.scheduleCallback('result', resultUrl, failureCallback(ids, transactionId, outcome.code));
  } else if (outcome.notice === 'result') {
    const { transaction } = outcome;
    const body = successCallback(ids, {
      reversalTransactionId: transaction.reversalTransactionId!,
      originalTransactionId: transaction.transactionId,
      amount: transaction.amount,
      completedAt: new Date(),
      utilityBalance: outcome.balance,
      customer: transaction.customer,
      merchant: `${context.shortCode} - Simulated Merchant`,
    });
    context.scheduleCallback('result', resultUrl, body);
  }
}

/** Keeps what a Transaction Status query about this request will find. */
function recordReversal(
  context: SimulatorContext,
  ids: ConversationIds,
  body: DarajaReversalBody,
  transaction: DarajaTransaction | undefined,
  outcome: ReversalOutcome,
): void {
  const common = {
    originatorConversationId: ids.originatorConversationId,
    conversationId: ids.conversationId,
    originalTransactionId: body.TransactionID,
    amount: transaction?.amount ?? body.amount,
    at: new Date(),
    customer: transaction?.customer ?? '254700000000 - SIMULATED CUSTOMER',
  };
  if (outcome.kind === 'reversed') {
    context.reversals.add({ ...common, state: 'Completed', receipt: outcome.transaction.reversalTransactionId! });
  } else if (outcome.kind === 'failed') {
    context.reversals.add({ ...common, state: 'Declined', refusal: outcome.code });
  } else {
    context.reversals.add({ ...common, state: 'Expired' });
  }
}
