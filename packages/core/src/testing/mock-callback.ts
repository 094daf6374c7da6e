import * as v from 'valibot';
import { ReversalCallbackError } from '../errors/reversal-callback-error.js';
import { readJsonBody } from '../kit/read-json-body.js';
import { parseAmount } from '../money.js';
import { DEFAULT_REFERENCE_FORMAT, fitsReferenceFormat } from '../reference-format.js';
import { toValidationIssues } from '../registry/parse-options.js';
import { RESULT_ERROR_CODES } from '../result-error-code.js';
import type { CallbackInput } from '../reversal-provider.js';
import type { ReversalResult } from '../reversal-result.js';

/** Where the mock says its callbacks are delivered; the reference is the last path segment. */
export const MOCK_CALLBACK_URL = 'https://merchant.example/reversal/callback';

const MoneySchema = v.object({
  value: v.pipe(
    v.string(),
    v.check((value) => parseAmount(value, { allowZero: true }).ok, 'must be an amount with two decimals'),
  ),
  currency: v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code')),
});

const UUID_FORMAT = { kind: 'uuid' } as const;

const common = {
  type: v.literal('reversal.result'),
  provider: v.string(),
  // Any format a mock may take (`like` a provider whose references are UUIDs, or the default).
  reference: v.pipe(
    v.string(),
    v.check(
      (value: string) => fitsReferenceFormat(value, DEFAULT_REFERENCE_FORMAT) || fitsReferenceFormat(value, UUID_FORMAT),
      'must be 1–20 letters and digits, or a UUID',
    ),
  ),
  transactionId: v.pipe(v.string(), v.minLength(1)),
  receipt: v.optional(v.string()),
  conversationId: v.optional(v.string()),
  amount: v.optional(MoneySchema),
  completedAt: v.optional(v.pipe(v.string(), v.isoTimestamp())),
  metadata: v.optional(v.record(v.string(), v.unknown())),
};

const ErrorSchema = v.object({
  code: v.picklist(RESULT_ERROR_CODES),
  providerCode: v.string(),
  message: v.string(),
  retryable: v.boolean(),
});

const CallbackBodySchema = v.variant('status', [
  v.object({ ...common, status: v.literal('succeeded') }),
  v.object({ ...common, status: v.literal('failed'), error: ErrorSchema }),
  v.object({ ...common, status: v.literal('unknown'), error: ErrorSchema }),
]);

/** The callback the mock provider "sends" for a final result: a JSON body as a provider would post it. */
export function encodeCallback(result: ReversalResult): CallbackInput {
  const body = {
    type: 'reversal.result',
    provider: result.provider,
    status: result.status,
    reference: result.reference,
    transactionId: result.originalTransactionId,
    ...(result.reversalTransactionId === undefined ? {} : { receipt: result.reversalTransactionId }),
    ...(result.conversationId === undefined ? {} : { conversationId: result.conversationId }),
    ...(result.amount === undefined ? {} : { amount: result.amount }),
    ...(result.completedAt === undefined ? {} : { completedAt: result.completedAt.toISOString() }),
    ...(result.status === 'failed' || result.status === 'unknown' ? { error: result.error } : {}),
    metadata: result.metadata,
  };
  return {
    body: JSON.stringify(body),
    url: `${MOCK_CALLBACK_URL}/${result.reference}`,
    headers: { 'content-type': 'application/json' },
  };
}

/**
 * Reads a callback produced by {@link encodeCallback} back into a result, the way a real adapter
 * reads its provider's callbacks. Rejects anything else with a `ReversalCallbackError`.
 */
export function decodeCallback(input: CallbackInput, providerId: string): ReversalResult {
  const json = readJsonBody((input as Partial<CallbackInput> | null)?.body);
  if (!json.ok) throw malformed(json.message);
  const parsed = v.safeParse(CallbackBodySchema, json.value);
  if (!parsed.success) {
    const fields = toValidationIssues(parsed.issues, 'body').map((issue) => `${issue.field} ${issue.message}`);
    throw malformed(fields.join('; '));
  }
  const body = parsed.output;
  if (body.provider !== providerId) throw malformed(`body.provider names "${body.provider}", not this mock ("${providerId}")`);
  const base = {
    provider: body.provider,
    reference: body.reference,
    originalTransactionId: body.transactionId,
    ...(body.receipt === undefined ? {} : { reversalTransactionId: body.receipt }),
    ...(body.conversationId === undefined ? {} : { conversationId: body.conversationId }),
    ...(body.amount === undefined ? {} : { amount: body.amount }),
    ...(body.completedAt === undefined ? {} : { completedAt: new Date(body.completedAt) }),
    metadata: body.metadata ?? {},
    raw: json.value,
  };
  if (body.status === 'succeeded') return { ...base, status: body.status };
  return body.status === 'failed' ? { ...base, status: body.status, error: body.error } : { ...base, status: body.status, error: body.error };
}

function malformed(detail: string): ReversalCallbackError {
  return new ReversalCallbackError(
    'ERR_CALLBACK',
    `Malformed mock provider callback: ${detail}. Answer the sender 400; pass the CallbackInput that mock.deliverCallback() returned.`,
  );
}
