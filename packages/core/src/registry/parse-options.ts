import * as v from 'valibot';
import { ReversalConfigError } from '../errors/reversal-config-error.js';
import type { ValidationIssue } from '../errors/reversal-error.js';

/**
 * Turns valibot issues into {@link ValidationIssue}s that name each field and never echo a value:
 * valibot's default messages end in "but received <value>", which could be a secret.
 */
export function toValidationIssues(issues: readonly v.BaseIssue<unknown>[], prefix = ''): ValidationIssue[] {
  return issues.map((issue) => {
    const path = issue.path?.map((item) => String(item.key)).join('.') ?? '';
    const field = [prefix, path].filter(Boolean).join('.') || prefix || '(root)';
    const isDefaultMessage = issue.message.includes('but received');
    const message = isDefaultMessage
      ? issue.expected === 'never'
        ? 'is not a known option'
        : issue.expected === 'undefined' || issue.received === 'undefined'
          ? `is required (expected ${issue.expected})`
          : `must be ${issue.expected}`
      : issue.message;
    return { field, message };
  });
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
