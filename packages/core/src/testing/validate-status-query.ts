import type { ValidationIssue } from '../errors/reversal-error.js';
import { ReversalValidationError } from '../errors/reversal-validation-error.js';
import { isValidReference } from '../reference.js';
import type { StatusQuery } from '../reversal-provider.js';

/**
 * Checks the query of the mock's `checkStatus()` before anything is "sent", the way an adapter
 * would: a reference and the original transaction id are required.
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
  if (issues.length > 0) throw new ReversalValidationError(issues);
}
