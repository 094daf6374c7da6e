import { ReversalCallbackError, type ReversalResult, toMoney } from '@reversal/core';
import { lookupCode, readJsonBody } from '@reversal/core/kit';
import * as v from 'valibot';
import { queueTimeoutBodySchema, readCallbackBody, resultParameters } from './callback-body.js';
import type { CallbackCorrelation } from './callback-token.js';
import { parseDarajaTime } from './daraja-time.js';
import { parseDebitAccountBalance } from './debit-account-balance.js';
import { DARAJA_RESULT_CODES, UNKNOWN_RESULT_CODE } from './result-codes.js';
import type { SafaricomKeMetadata } from './safaricom-ke-metadata.js';

const PROVIDER = 'safaricom-ke';

const malformed = (why: string) =>
  new ReversalCallbackError('ERR_CALLBACK', `Callback rejected: ${why}. Answer 400; this is not a Daraja reversal callback.`);

const optionalText = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value.slice(0, 500) : undefined;

/**
 * Reads a Daraja callback body, already correlated through its URL, into a result: the result
 * callback into `succeeded` or `failed` (by the code table), the queue-timeout callback into
 * `unknown`/`TIMEOUT`. Any body gives a result or a `ReversalCallbackError`.
 */
export function parseCallbackBody(rawBody: unknown, correlation: CallbackCorrelation): ReversalResult<SafaricomKeMetadata> {
  const json = readJsonBody(rawBody);
  if (!json.ok) throw malformed(json.message);
  if (correlation.kind === 'queue-timeout') return queueTimeoutResult(json.value, correlation);

  const body = readCallbackBody(json.value);
  if (!body) throw malformed('the body has no Result object with a ResultCode');
  const { Result: result } = body;
  const parameters = resultParameters(body);
  const originalTransactionId = pickOriginalTransactionId(parameters.get('OriginalTransactionID'), correlation);
  const lookup = lookupCode(DARAJA_RESULT_CODES, result.ResultCode, UNKNOWN_RESULT_CODE);
  const description = optionalText(result.ResultDesc);
  // Built by assignment: in Node 20 an object literal with a spread in it is a slow runtime copy
  // (about 1 µs per property), and this runs on every callback.
  const identity: { -readonly [K in keyof SafaricomKeMetadata]: SafaricomKeMetadata[K] } = { callback: 'result' };
  if (result.OriginatorConversationID) identity.originatorConversationId = result.OriginatorConversationID;
  if (description) identity.providerDescription = description;
  const output: Record<string, unknown> = { provider: PROVIDER, reference: correlation.reference, originalTransactionId };
  if (result.ConversationID) output.conversationId = result.ConversationID;
  output.raw = json.value;

  if (lookup.mapping.status === 'succeeded') {
    const amount = toMoney(parameters.get('Amount'), 'KES');
    const completedAt = parseDarajaTime(parameters.get('TransCompletedTime'));
    output.status = 'succeeded';
    if (result.TransactionID) output.reversalTransactionId = result.TransactionID;
    if (amount) output.amount = amount;
    if (completedAt) output.completedAt = completedAt;
    output.metadata = Object.assign(identity, successMetadata(parameters));
    return output as unknown as ReversalResult<SafaricomKeMetadata>;
  }
  const { mapping, providerCode } = lookup;
  output.status = mapping.status === 'unknown' ? 'unknown' : 'failed';
  output.error = {
    code: mapping.code ?? 'PROCESSING_ERROR',
    providerCode,
    message: `${mapping.description}${description ? ` (Daraja ResultCode ${providerCode}: "${description}")` : ''}`,
    retryable: mapping.retryable,
  };
  output.metadata = identity;
  return output as unknown as ReversalResult<SafaricomKeMetadata>;
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

function successMetadata(parameters: ReadonlyMap<string, unknown>): SafaricomKeMetadata {
  const creditPartyName = optionalText(parameters.get('CreditPartyPublicName'));
  const debitPartyName = optionalText(parameters.get('DebitPartyPublicName'));
  const charge = toMoney(parameters.get('Charge'), 'KES');
  const balanceText = optionalText(parameters.get('DebitAccountBalance'));
  const balance = parseDebitAccountBalance(balanceText);
  // Assigned one by one: an object literal that starts with a spread is a slow copy in Node 20.
  const metadata: { -readonly [K in keyof SafaricomKeMetadata]: SafaricomKeMetadata[K] } = {};
  if (creditPartyName) metadata.creditPartyName = creditPartyName;
  if (debitPartyName) metadata.debitPartyName = debitPartyName;
  if (charge) metadata.charge = charge;
  if (balance) metadata.debitAccountBalance = balance;
  if (balanceText) metadata.debitAccountBalanceText = balanceText;
  return metadata;
}

function queueTimeoutResult(value: unknown, correlation: CallbackCorrelation): ReversalResult<SafaricomKeMetadata> {
  const parsed = v.safeParse(queueTimeoutBodySchema, value);
  if (!parsed.success) throw malformed('the queue-timeout body is not a JSON object');
  const result = parsed.output.Result;
  const description = optionalText(result?.ResultDesc);
  if (!correlation.originalTransactionId) throw malformed('its URL does not name the original transaction');
  return {
    provider: PROVIDER,
    status: 'unknown',
    reference: correlation.reference,
    originalTransactionId: correlation.originalTransactionId,
    ...(result?.ConversationID ? { conversationId: result.ConversationID } : {}),
    error: {
      code: 'TIMEOUT',
      providerCode: result?.ResultCode === undefined ? 'QUEUE_TIMEOUT' : String(result.ResultCode),
      message:
        'Daraja timed the request out in its queue: the reversal may or may not have happened. Do not resend blindly; wait for a result callback or check the transaction on the M-Pesa portal (a resend is refused with R000001 if it was reversed).',
      retryable: false,
    },
    metadata: {
      callback: 'queue-timeout',
      ...(result?.OriginatorConversationID ? { originatorConversationId: result.OriginatorConversationID } : {}),
      ...(description ? { providerDescription: description } : {}),
    },
    raw: value,
  };
}
