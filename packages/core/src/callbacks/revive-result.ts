import type { ReversalResult } from '../reversal-result.js';

const STATUSES = new Set(['pending', 'succeeded', 'failed', 'unknown']);

/**
 * Turns a result read back from JSON (`JSON.parse(JSON.stringify(result))`) into a
 * {@link ReversalResult} again: `completedAt` becomes a `Date`. For {@link ResultStore}
 * implementations that keep results as JSON text (Redis, a `jsonb` column, a queue message).
 * Throws a `TypeError` when the value is not a serialised result.
 *
 * @example
 * const result = reviveResult(JSON.parse(row.result_json));
 */
export function reviveResult(value: unknown): ReversalResult {
  const record = value as Record<string, unknown> | null;
  if (
    typeof record !== 'object' ||
    record === null ||
    typeof record.reference !== 'string' ||
    typeof record.provider !== 'string' ||
    !STATUSES.has(record.status as string)
  ) {
    throw new TypeError('reviveResult expects a ReversalResult serialised as JSON (with provider, reference and status).');
  }
  const completedAt = typeof record.completedAt === 'string' ? new Date(record.completedAt) : undefined;
  return {
    ...record,
    ...(completedAt && !Number.isNaN(completedAt.getTime()) ? { completedAt } : {}),
    metadata: typeof record.metadata === 'object' && record.metadata !== null ? record.metadata : {},
  } as ReversalResult;
}
