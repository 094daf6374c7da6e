import {
  type JsonTransport,
  lookupCode,
  type OperationSpec,
  type ProviderAnswer,
  type ResponseOutcome,
  type ValidatedReversalRequest,
} from '@reversal/core/kit';
import * as v from 'valibot';
import { ACME_MONEY_CODES, UNKNOWN_CODE } from './codes/result-codes.js';
import type { AcmeMoneyMetadata } from './metadata.js';

/** Every answer of the API, to a reversal and to a status query: `{ code, message, reversalId?, amount?, remaining? }`. */
const answerSchema = v.looseObject({
  code: v.string(),
  message: v.fallback(v.optional(v.string()), undefined),
  reversalId: v.fallback(v.optional(v.string()), undefined),
  amount: v.fallback(v.optional(v.pipe(v.string(), v.regex(/^\d+\.\d{2}$/))), undefined),
  remaining: v.fallback(v.optional(v.pipe(v.string(), v.regex(/^\d+\.\d{2}$/))), undefined),
});

/**
 * Reads an answer of the API into what it says: the code decides the status (through
 * `ACME_MONEY_CODES`); a body without a code, or a success the HTTP status contradicts, is `unknown`.
 */
export function readAnswer(response: ResponseOutcome<unknown>, currency: string): ProviderAnswer<AcmeMoneyMetadata> {
  const parsed = v.safeParse(answerSchema, response.body);
  const answer = parsed.success ? parsed.output : undefined;
  let { providerCode, mapping } = lookupCode(ACME_MONEY_CODES, answer?.code, UNKNOWN_CODE);
  if (mapping.status === 'succeeded' && (response.status < 200 || response.status > 299)) mapping = UNKNOWN_CODE;
  const metadata: AcmeMoneyMetadata = {
    ...(answer?.message !== undefined ? { providerMessage: answer.message } : {}),
    ...(answer?.remaining !== undefined ? { remaining: answer.remaining } : {}),
  };
  const fields = {
    ...(answer?.reversalId !== undefined ? { reversalTransactionId: answer.reversalId } : {}),
    ...(answer?.amount !== undefined ? { amount: { value: answer.amount, currency } } : {}),
    metadata,
    raw: response.body,
  };
  if (mapping.status === 'succeeded' || mapping.status === 'pending') return { status: mapping.status, ...fields };
  const said = answer?.message ? `: ${answer.message}` : '';
  return {
    status: mapping.status,
    error: {
      code: mapping.code ?? 'PROCESSING_ERROR',
      providerCode: providerCode || `HTTP ${response.status}`,
      message: `Acme Money answered ${providerCode || `HTTP ${response.status} without a code`}${said}. ${mapping.description}`,
      retryable: mapping.retryable,
    },
    ...fields,
  };
}

/** What each operation needs of the provider instance. */
export interface OperationSettings {
  readonly transport: JsonTransport;
  /** The currency of amounts in answers. */
  readonly currency: string;
  /** The headers of every call (the API key). */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The reversal operation: `POST /v1/reversals` with `{ reference, transactionId, amount?, reason? }`.
 * The reference is the id the API knows the request by (`providerRequestId`).
 */
export function reversalOperation({ transport, currency, headers }: OperationSettings): OperationSpec<ValidatedReversalRequest, AcmeMoneyMetadata> {
  return {
    transport,
    prepare: (request) => ({
      request: {
        method: 'POST',
        path: '/v1/reversals',
        headers,
        body: {
          reference: request.reference,
          transactionId: request.transactionId,
          ...(request.amount !== undefined ? { amount: request.amount } : {}),
          ...(request.reason !== undefined ? { reason: request.reason } : {}),
        },
      },
      providerRequestId: request.reference,
    }),
    read: (response) => readAnswer(response, currency),
  };
}
