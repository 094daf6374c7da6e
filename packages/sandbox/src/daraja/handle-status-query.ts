import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DarajaErrorCode, darajaError } from './daraja-errors.js';
import {
  DARAJA_STATUS_RESULT_SCENARIOS,
  DARAJA_STATUS_SYNC_ERROR_SCENARIOS,
  type DarajaStatusScenario,
  isStatusResultScenario,
  isStatusSyncErrorScenario,
} from './daraja-status-scenario.js';
import { newConversationIds } from './handle-reversal.js';
import { readTextBody, sendJson } from './http-server.js';
import { sendAcknowledgement } from './send-acknowledgement.js';
import type { ConversationIds } from './result-callbacks.js';
import type { SimulatorContext } from './simulator-context.js';
import {
  failedStatusCallback,
  malformedStatusCallback,
  type QueriedTransaction,
  statusQueueTimeoutCallback,
  statusResultCallback,
} from './status-result-callbacks.js';
import { type DarajaStatusBody, validateStatusBody } from './validate-status-body.js';

/**
 * `POST /mpesa/transactionstatus/v1/query`: checks the token and the exact body, answers a
 * synchronous error or an acknowledgement, then POSTs the result to the query's own ResultURL:
 * what the ledger holds about the receipt or originator conversation id queried, a failed-query
 * result (wrong credential, missing role, unknown id), or what the scenario calls for.
 */
export async function handleStatusQuery(context: SimulatorContext, request: IncomingMessage, response: ServerResponse): Promise<void> {
  context.stats.statusQueries += 1;
  const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  const reject = (code: DarajaErrorCode, body: unknown, message?: string) => {
    context.recordStatusQuery({ body, answer: code, ...(token === undefined ? {} : { token }) });
    const error = darajaError(code, message);
    sendJson(response, error.status, error.body);
  };

  const text = await readTextBody(request);
  if (token === undefined) return reject('404.001.04', text);
  if (!context.tokens.isValid(token)) return reject('404.001.03', text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text ?? '');
  } catch {
    return reject('400.002.05', text);
  }
  const validation = validateStatusBody(parsed);
  if (!validation.ok) return reject('400.003.02', parsed, validation.message);
  const body = validation.body;

  const found = findQueried(context, body);
  const payment = found?.kind === 'payment' ? found.transaction : found && context.ledger.get(found.record.originalTransactionId);
  const scenario: DarajaStatusScenario = payment?.statusScenario ?? 'answer';
  if (isStatusSyncErrorScenario(scenario)) return reject(DARAJA_STATUS_SYNC_ERROR_SCENARIOS[scenario], parsed);
  if (payment && scenario === 'expired-token' && !payment.statusTokenExpiryFired) {
    payment.statusTokenExpiryFired = true;
    context.tokens.expireAll();
    return reject('404.001.03', parsed);
  }

  const password = context.decryptCredential(body.SecurityCredential);
  const credentialValid = body.Initiator === context.initiatorName && password === context.initiatorPassword;
  const ids = newConversationIds();
  context.stats.statusAcknowledged += 1;
  context.recordStatusQuery({ body: parsed, validated: body, credentialValid, answer: '0', token });
  scheduleStatusResult(context, body, ids, scenario, credentialValid ? found : 'refused');

  await sendAcknowledgement(context, response, ids, scenario === 'slow-response' || scenario === 'dropped-connection' ? scenario : 'normal');
}

/**
 * The receipt wins over the originator conversation id when both are sent (the documentation says
 * "TransactionID or OriginalConversationID" and does not say which Daraja prefers). A query for
 * another short code finds nothing.
 */
function findQueried(context: SimulatorContext, body: DarajaStatusBody): QueriedTransaction | undefined {
  if (body.PartyA !== context.shortCode) return undefined;
  if (body.TransactionID !== undefined) {
    const record = context.reversals.byReceipt(body.TransactionID);
    if (record) return { kind: 'reversal', record };
    const transaction = context.ledger.get(body.TransactionID);
    return transaction && { kind: 'payment', transaction };
  }
  const record = context.reversals.byOriginatorConversationId(body.OriginalConversationID!);
  return record && { kind: 'reversal', record };
}

function scheduleStatusResult(
  context: SimulatorContext,
  body: DarajaStatusBody,
  ids: ConversationIds,
  scenario: DarajaStatusScenario,
  found: QueriedTransaction | 'refused' | undefined,
): void {
  if (scenario === 'no-callback') return;
  if (scenario === 'queue-timeout') {
    context.scheduleCallback('status-queue-timeout', body.QueueTimeOutURL, statusQueueTimeoutCallback(ids));
    return;
  }
  const result =
    found === 'refused' || !context.statusQueryRole
      ? failedStatusCallback(ids, body.Occasion, DARAJA_STATUS_RESULT_SCENARIOS['initiator-invalid'])
      : isStatusResultScenario(scenario)
        ? failedStatusCallback(ids, body.Occasion, DARAJA_STATUS_RESULT_SCENARIOS[scenario])
        : found === undefined
          ? failedStatusCallback(ids, body.Occasion, context.statusNotFound)
          : statusResultCallback(ids, body.Occasion, found, `${context.shortCode} - Simulated Merchant`);
  const delayMs = scenario === 'late-result' ? context.lateResultMs : undefined;
  context.scheduleCallback('status-result', body.ResultURL, scenario === 'malformed-result' ? malformedStatusCallback(result) : result, delayMs);
}
