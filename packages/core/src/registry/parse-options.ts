import * as v from 'valibot';
import { ReversalConfigError } from '../errors/reversal-config-error.js';
import type { ValidationIssue } from '../errors/reversal-error.js';

/**
 * Turns valibot issues into {@link ValidationIssue}s that name each field and never echo a value:
 * valibot's default messages end in "received <value>" ("Expected string but received 12",
 * "Invalid URL: Received "…""), and the value could be a secret.
 */
export function toValidationIssues(issues: readonly v.BaseIssue<unknown>[], prefix = ''): ValidationIssue[] {
  return issues.map((issue) => {
    const path = issue.path?.map((item) => String(item.key)).join('.') ?? '';
    const field = [prefix, path].filter(Boolean).join('.') || prefix || '(root)';
    return { field, message: isDefaultMessage(issue) ? describeIssue(issue) : issue.message };
  });
}

function isDefaultMessage(issue: v.BaseIssue<unknown>): boolean {
  return issue.message.endsWith(`eceived ${issue.received}`);
}

const OBJECT_TYPES = new Set(['object', 'strict_object', 'loose_object', 'object_with_rest']);

function describeIssue(issue: v.BaseIssue<unknown>): string {
  if (issue.expected === 'never') return 'is not a known option';
  if (issue.received === 'undefined') {
    // A missing key is reported by the object schema, with the key's name as `expected`.
    return OBJECT_TYPES.has(issue.type) ? 'is required' : `is required (expected ${issue.expected})`;
  }
  if (issue.expected !== null) return `must be ${issue.expected}`;
  return issue.type === 'check' || issue.type === 'custom' ? 'is invalid' : `must be a valid ${issue.type.replaceAll('_', ' ')}`;
}

/**
 * Validates options against a schema, or throws a {@link ReversalConfigError} naming every field.
 *
 * @param subject - What is configured, for the message (`"safaricom-ke provider"`).
 */
export function parseOptions<TInput, TOutput>(
  schema: v.GenericSchema<TInput, TOutput>,
  input: unknown,
  subject: string,
): TOutput {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  throw new ReversalConfigError(subject, toValidationIssues(result.issues));
}
