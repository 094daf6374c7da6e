import { ReversalValidationError } from './errors/reversal-validation-error.js';
import type { ValidationIssue } from './errors/reversal-error.js';
import { parseAmount } from './money.js';
import { DEFAULT_REFERENCE_FORMAT, describeReferenceFormat, fitsReferenceFormat, generateReferenceFor } from './reference-format.js';
import { DEFAULT_REQUEST_RULES, type RequestRules } from './request-rules.js';
import type { ProviderCapabilities } from './reversal-provider.js';
import type { ValidatedReversalRequest } from './reversal-request.js';

const KNOWN_FIELDS = new Set(['transactionId', 'amount', 'reference', 'reason']);
// Control characters would corrupt provider records and logs.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** How {@link validateReversalRequest} checks a request. */
export interface ValidateRequestOptions {
  /** The provider's capabilities: without partial reversals, `amount` is required. */
  readonly capabilities: Pick<ProviderCapabilities, 'partialReversal'>;
  /** The provider's request rules; {@link DEFAULT_REQUEST_RULES} when left out. */
  readonly rules?: RequestRules;
}

/**
 * Checks a reversal request the way every adapter must before sending anything, and returns it
 * with a generated reference where none was given (in the format of `rules.reference`) and the
 * amount in canonical form.
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

  const rules = options.rules ?? DEFAULT_REQUEST_RULES;
  const { transactionId, amount, reference, reason } = fields;
  if (typeof transactionId !== 'string' || transactionId === '') {
    issues.push({
      field: 'transactionId',
      message: `is required: the receipt of the payment to reverse, ${rules.transactionId.description}`,
    });
  } else if (!rules.transactionId.pattern.test(transactionId)) {
    // A receipt copied with a space around it is the usual mistake: say so rather than "invalid".
    const spaced = transactionId.trim() !== transactionId && rules.transactionId.pattern.test(transactionId.trim());
    issues.push({
      field: 'transactionId',
      message: spaced
        ? 'has spaces around it: remove them (a receipt copied from a message often carries one)'
        : `must be the receipt of the payment to reverse: ${rules.transactionId.description}`,
    });
  }

  let canonicalAmount: string | undefined;
  if ('amount' in fields && amount === undefined) {
    // `amount: order.refundAmount` with an undefined field must not become a full reversal.
    issues.push({
      field: 'amount',
      message: 'is present but undefined: give the amount, or leave the key out to ask for a full reversal',
    });
  } else if (amount === undefined) {
    if (!options.capabilities.partialReversal) {
      issues.push({
        field: 'amount',
        message: 'is required: this provider cannot reverse part of a payment, give the full original amount',
      });
    }
  } else {
    const parsed = parseAmount(amount);
    if (!parsed.ok) issues.push({ field: 'amount', message: parsed.reason });
    else if (rules.amountDecimals === 0 && !parsed.value.endsWith('.00')) {
      issues.push({ field: 'amount', message: 'must be whole units (e.g. 200 or "200.00"): this provider moves no cents' });
    } else canonicalAmount = parsed.value;
  }

  const referenceFormat = rules.reference ?? DEFAULT_REFERENCE_FORMAT;
  if (reference !== undefined && !fitsReferenceFormat(reference, referenceFormat)) {
    issues.push({
      field: 'reference',
      message: `must be ${describeReferenceFormat(referenceFormat)}, as this provider takes, or left out to have one generated`,
    });
  }

  if (reason !== undefined) {
    const { minLength, maxLength } = rules.reason;
    if (typeof reason !== 'string' || reason.trim().length < minLength || reason.length > maxLength) {
      issues.push({ field: 'reason', message: `must be text of ${minLength}–${maxLength} characters, or left out` });
    } else if (CONTROL_CHARACTERS.test(reason)) {
      issues.push({ field: 'reason', message: 'must not contain control characters such as line breaks' });
    }
  }

  if (issues.length > 0) throw new ReversalValidationError(issues);

  // Assigned rather than conditional spreads: in Node 20 each is a slow runtime copy, and this
  // runs on every reversal.
  const request: { -readonly [K in keyof ValidatedReversalRequest]: ValidatedReversalRequest[K] } = {
    transactionId: transactionId as string,
    reference: (reference as string | undefined) ?? generateReferenceFor(referenceFormat),
  };
  if (canonicalAmount !== undefined) request.amount = canonicalAmount;
  if (reason !== undefined) request.reason = reason as string;
  return request;
}
