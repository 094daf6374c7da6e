import { ReversalValidationError } from './errors/reversal-validation-error.js';
import type { ValidationIssue } from './errors/reversal-error.js';
import { parseAmount } from './money.js';
import { generateReference, isValidReference } from './reference.js';
import type { ProviderCapabilities } from './reversal-provider.js';
import type { ValidatedReversalRequest } from './reversal-request.js';

const KNOWN_FIELDS = new Set(['transactionId', 'amount', 'reference', 'reason']);
const TRANSACTION_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
// Control characters would corrupt provider records and logs.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const MAX_REASON_LENGTH = 100;

/** How {@link validateReversalRequest} checks a request. */
export interface ValidateRequestOptions {
  /** The provider's capabilities: without partial reversals, `amount` is required. */
  readonly capabilities: Pick<ProviderCapabilities, 'partialReversal'>;
  /**
   * The adapter's own checks, run once the request passed the common ones. Return every issue
   * found (an empty array when there is none).
   */
  readonly check?: (request: ValidatedReversalRequest) => readonly ValidationIssue[];
}

/**
 * Checks a reversal request the way every adapter must before sending anything, and returns it
 * with a generated reference where none was given and the amount in canonical form.
 *
 * Throws a `ReversalValidationError` listing every offending field, and nothing else: any input,
 * however malformed, gives either a valid request or that error. Unknown fields are rejected
 * because a misspelt `amount` would otherwise turn a partial reversal into a full one.
 */
export function validateReversalRequest(input: unknown, options: ValidateRequestOptions): ValidatedReversalRequest {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ReversalValidationError([
      { field: 'request', message: 'must be an object such as { transactionId, amount, reference, reason }' },
    ]);
  }
  const fields = input as Record<string, unknown>;
  const issues: ValidationIssue[] = [];

  for (const key of Object.keys(fields)) {
    if (!KNOWN_FIELDS.has(key)) {
      issues.push({
        // An empty key would print as ": is not a field…"; quote it so the issue stays readable.
        field: key === '' ? '""' : key,
        message: 'is not a field of a reversal request; the fields are transactionId, amount, reference and reason',
      });
    }
  }

  const { transactionId, amount, reference, reason } = fields;
  if (typeof transactionId !== 'string' || !TRANSACTION_ID_PATTERN.test(transactionId)) {
    issues.push({
      field: 'transactionId',
      message: 'is required: the receipt of the payment to reverse, 1–64 letters, digits, ".", "_" or "-"',
    });
  }

  let canonicalAmount: string | undefined;
  if (amount === undefined) {
    if (!options.capabilities.partialReversal) {
      issues.push({
        field: 'amount',
        message: 'is required: this provider cannot reverse part of a payment, give the full original amount',
      });
    }
  } else {
    const parsed = parseAmount(amount);
    if (parsed.ok) canonicalAmount = parsed.value;
    else issues.push({ field: 'amount', message: parsed.reason });
  }

  if (reference !== undefined && !isValidReference(reference)) {
    issues.push({
      field: 'reference',
      message: 'must be 1–20 letters and digits (no spaces or symbols), or left out to have one generated',
    });
  }

  if (reason !== undefined) {
    if (typeof reason !== 'string' || reason.trim() === '' || reason.length > MAX_REASON_LENGTH) {
      issues.push({ field: 'reason', message: `must be text of 1–${MAX_REASON_LENGTH} characters, or left out` });
    } else if (CONTROL_CHARACTERS.test(reason)) {
      issues.push({ field: 'reason', message: 'must not contain control characters such as line breaks' });
    }
  }

  if (issues.length > 0) throw new ReversalValidationError(issues);

  // Assigned rather than conditional spreads: in Node 20 each is a slow runtime copy, and this
  // runs on every reversal.
  const request: { -readonly [K in keyof ValidatedReversalRequest]: ValidatedReversalRequest[K] } = {
    transactionId: transactionId as string,
    reference: (reference as string | undefined) ?? generateReference(),
  };
  if (canonicalAmount !== undefined) request.amount = canonicalAmount;
  if (reason !== undefined) request.reason = reason as string;
  const adapterIssues = options.check?.(request) ?? [];
  if (adapterIssues.length > 0) throw new ReversalValidationError(adapterIssues);
  return request;
}
