import type { ValidationIssue } from './errors/reversal-error.js';
import { ReversalValidationError } from './errors/reversal-validation-error.js';
import { isValidReference } from './reference.js';
import type { StatusQuery } from './reversal-provider.js';

const OPTIONAL_IDS = ['conversationId', 'reversalTransactionId', 'providerRequestId'] as const;
// Provider ids are printable ASCII without spaces; anything else cannot be one they issued.
const PROVIDER_ID = /^[\x21-\x7e]{1,100}$/;
const STATUSES: readonly unknown[] = ['pending', 'succeeded', 'failed', 'unknown'];

/**
 * Checks a status query before anything is sent: a reference and the original transaction id are
 * required; the provider's ids, when given, must look like ids. A previous result fits as it is.
 */
export function validateStatusQuery(query: unknown): asserts query is StatusQuery {
  const fields = (typeof query === 'object' && query !== null ? query : {}) as Partial<Record<keyof StatusQuery, unknown>>;
  const issues: ValidationIssue[] = [];
  if (!isValidReference(fields.reference)) {
    issues.push({ field: 'reference', message: 'is required: the reference of the reversal, 1–20 letters and digits' });
  }
  if (typeof fields.originalTransactionId !== 'string' || fields.originalTransactionId === '') {
    issues.push({ field: 'originalTransactionId', message: 'is required: the receipt of the payment that was to be reversed' });
  }
  for (const field of OPTIONAL_IDS) {
    const value = fields[field];
    if (value !== undefined && (typeof value !== 'string' || !PROVIDER_ID.test(value))) {
      issues.push({ field, message: 'must be the id the provider returned (visible characters, no spaces), or left out' });
    }
  }
  if (fields.status !== undefined && !STATUSES.includes(fields.status)) {
    issues.push({ field: 'status', message: 'must be the status of the queried result (pending, succeeded, failed or unknown), or left out' });
  }
  if (issues.length > 0) throw new ReversalValidationError(issues);
}
