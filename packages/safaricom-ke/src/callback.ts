import { type CallbackInput, ReversalCallbackError, toMoney } from '@reversal/core';
import { type CallbackAnswer, type CallbackSpec, lookupCode, readJsonBody, truncateText } from '@reversal/core/kit';
import * as v from 'valibot';
import { callbackBodySchema, queueTimeoutBodySchema, resultParameters } from './callback-body.js';
import type { CallbackCorrelation } from './callback-token.js';
import type { CallbackCorrelator } from './callback-urls.js';
import { DARAJA_RESULT_CODES, UNKNOWN_RESULT_CODE } from './codes/result-codes.js';
import { parseDarajaTime } from './daraja-time.js';
import { parseDebitAccountBalance } from './debit-account-balance.js';
import type { SafaricomKeMetadata } from './metadata.js';
import { readStatusResult, readStatusTimeout } from './status-callback.js';

type Metadata = { -readonly [K in keyof SafaricomKeMetadata]: SafaricomKeMetadata[K] };

const malformed = (why: string) =>
  new ReversalCallbackError('ERR_CALLBACK', `Callback rejected: ${why}. Answer 400; this is not a Daraja reversal callback.`);

const optionalText = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? truncateText(value, 500) : undefined;

/**
 * Daraja's callbacks: the URL is authenticated and correlated first (its token, or in unsigned
 * mode its reference), then the body read — the result callback into `succeeded`, `failed` or
 * `unknown` (by the code table), the queue-timeout callback into `unknown`/`TIMEOUT`, a status
 * query's answer for the reversal its URL names (`status-callback.ts`). Any input gives an answer
 * or a `ReversalCallbackError`.
 */
export function darajaCallbacks(correlator: CallbackCorrelator): CallbackSpec<SafaricomKeMetadata> {
  return {
    async read(input: CallbackInput) {
      const { url, body } = (input ?? {}) as Partial<CallbackInput>;
      const correlation = await correlator.read(url ?? '');
      const json = readJsonBody(body);
      if (!json.ok) throw malformed(json.message);
      switch (correlation.kind) {
        case 'queue-timeout':
          return readQueueTimeout(json.value, correlation);
        case 'status-result':
          return readStatusResult(json.value, correlation);
        case 'status-queue-timeout':
          return readStatusTimeout(json.value, correlation);
        default:
          return readResult(json.value, correlation);
      }
    },
    // Daraja documents no answer for the reversal ResultURL; this is the one integrations send, and
    // Daraja ignores anything beyond it (docs/providers/safaricom-ke.md, "Callbacks").
    acknowledge: () => ({ ResultCode: 0, ResultDesc: 'Accepted' }),
  };
}

function readResult(value: unknown, correlation: CallbackCorrelation): CallbackAnswer<SafaricomKeMetadata> {
  const parsed = v.safeParse(callbackBodySchema, value);
  if (!parsed.success) throw malformed('the body has no Result object with a ResultCode');
  const result = parsed.output.Result;
  const parameters = resultParameters(parsed.output);
  const identity = {
    reference: correlation.reference,
    originalTransactionId: pickOriginalTransactionId(parameters.get('OriginalTransactionID'), correlation),
    conversationId: result.ConversationID || undefined,
    providerRequestId: result.OriginatorConversationID || undefined,
    raw: value,
  };
  const description = optionalText(result.ResultDesc);
  const metadata: Metadata = { callback: 'result' };
  if (description) metadata.providerDescription = description;

  const { mapping, providerCode } = lookupCode(DARAJA_RESULT_CODES, result.ResultCode, UNKNOWN_RESULT_CODE);
  if (mapping.status === 'succeeded') {
    return {
      ...identity,
      status: 'succeeded',
      reversalTransactionId: result.TransactionID || undefined,
      amount: toMoney(parameters.get('Amount'), 'KES'),
      completedAt: parseDarajaTime(parameters.get('TransCompletedTime')),
      metadata: Object.assign(metadata, successMetadata(parameters)),
    };
  }
  return {
    ...identity,
    status: mapping.status === 'unknown' ? 'unknown' : 'failed',
    error: {
      code: mapping.code ?? 'PROCESSING_ERROR',
      providerCode,
      message: `${mapping.description}${description ? ` (Daraja ResultCode ${providerCode}: "${description}")` : ''}`,
      retryable: mapping.retryable,
    },
    metadata,
  };
}

function pickOriginalTransactionId(fromBody: unknown, correlation: CallbackCorrelation): string {
  const body = optionalText(fromBody);
  const fromUrl = correlation.originalTransactionId;
  if (body && fromUrl && body !== fromUrl) {
    throw malformed('its OriginalTransactionID differs from the transaction its callback URL was issued for');
  }
  const originalTransactionId = fromUrl ?? body;
  if (!originalTransactionId) throw malformed('neither its URL nor its body names the original transaction');
  return originalTransactionId;
}

function successMetadata(parameters: ReadonlyMap<string, unknown>): Metadata {
  const metadata: Metadata = {};
  const creditPartyName = optionalText(parameters.get('CreditPartyPublicName'));
  const debitPartyName = optionalText(parameters.get('DebitPartyPublicName'));
  const charge = toMoney(parameters.get('Charge'), 'KES');
  const balanceText = optionalText(parameters.get('DebitAccountBalance'));
  const balance = parseDebitAccountBalance(balanceText);
  if (creditPartyName) metadata.creditPartyName = creditPartyName;
  if (debitPartyName) metadata.debitPartyName = debitPartyName;
  if (charge) metadata.charge = charge;
  if (balance) metadata.debitAccountBalance = balance;
  if (balanceText) metadata.debitAccountBalanceText = balanceText;
  return metadata;
}

function readQueueTimeout(value: unknown, correlation: CallbackCorrelation): CallbackAnswer<SafaricomKeMetadata> {
  const parsed = v.safeParse(queueTimeoutBodySchema, value);
  if (!parsed.success) throw malformed('the queue-timeout body is not a JSON object');
  if (!correlation.originalTransactionId) throw malformed('its URL does not name the original transaction');
  const result = parsed.output.Result;
  const description = optionalText(result?.ResultDesc);
  const metadata: Metadata = { callback: 'queue-timeout' };
  if (description) metadata.providerDescription = description;
  return {
    reference: correlation.reference,
    originalTransactionId: correlation.originalTransactionId,
    conversationId: result?.ConversationID || undefined,
    providerRequestId: result?.OriginatorConversationID || undefined,
    status: 'unknown',
    error: {
      code: 'TIMEOUT',
      providerCode: result?.ResultCode === undefined ? 'QUEUE_TIMEOUT' : String(result.ResultCode),
      message:
        'Daraja timed the request out in its queue: the reversal may or may not have happened. Do not resend blindly; wait for a result callback or check the transaction on the M-Pesa portal.',
      retryable: false,
    },
    metadata,
    raw: value,
  };
}
