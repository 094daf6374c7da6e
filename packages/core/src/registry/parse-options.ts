import * as v from 'valibot';
import { ReversalConfigError } from '../errors/reversal-config-error.js';
import type { ValidationIssue } from '../errors/reversal-error.js';

/**
 * Turns valibot issues into {@link ValidationIssue}s that name each field and never echo a value:
 * valibot's default messages end in "received <value>" ("Expected string but received 12",
 * "Invalid URL: Received "…""), and the value could be a secret.
 */
export function toValidationIssues(
  issues: readonly v.BaseIssue<unknown>[],
  prefix = '',
  schema?: v.GenericSchema,
): ValidationIssue[] {
  return issues.map((issue) => {
    const keys = issue.path?.map((item) => String(item.key)) ?? [];
    const field = [prefix, keys.join('.')].filter(Boolean).join('.') || prefix || '(root)';
    if (!isDefaultMessage(issue)) return { field, message: issue.message };
    // A missing key is reported by the object with a generic message; the field's own schema
    // usually says what to give ("is required: the Consumer Key of your Daraja app").
    const hint = issue.received === 'undefined' && schema ? customMessageAt(schema, keys) : undefined;
    return { field, message: hint ?? describeIssue(issue) };
  });
}

type SchemaNode = { entries?: Record<string, SchemaNode>; pipe?: SchemaNode[]; wrapped?: SchemaNode; message?: unknown };

/** The custom message of the schema at `keys` (through pipes and optional wrappers), if it has one. */
function customMessageAt(schema: v.GenericSchema, keys: readonly string[]): string | undefined {
  let node: SchemaNode | undefined = schema as unknown as SchemaNode;
  for (const key of keys) {
    while (node && !node.entries && (node.pipe || node.wrapped)) node = node.pipe?.[0] ?? node.wrapped;
    node = node?.entries?.[key];
  }
  while (node && typeof node.message !== 'string' && (node.pipe || node.wrapped)) node = node.pipe?.[0] ?? node.wrapped;
  return typeof node?.message === 'string' ? node.message : undefined;
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
  throw new ReversalConfigError(subject, toValidationIssues(result.issues, '', schema as v.GenericSchema));
}
