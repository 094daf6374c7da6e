import { isFinalResult, type ReversalResult } from '../reversal-result.js';
import type { ResultStore } from './result-store.js';

/** How many attempts of one reference a store keeps; beyond it the oldest settled failure goes first. */
export const MAX_ATTEMPTS_PER_REFERENCE = 16;

/**
 * True when two results of one reference come from the same attempt (the same request to the
 * provider): the same payment and the same `providerRequestId`, else the same `conversationId`,
 * else neither carries an id (then the reference is all there is to go by).
 */
export function sameAttempt(a: ReversalResult, b: ReversalResult): boolean {
  if (a.provider !== b.provider || a.reference !== b.reference || a.originalTransactionId !== b.originalTransactionId) return false;
  if (a.providerRequestId !== undefined && b.providerRequestId !== undefined) return a.providerRequestId === b.providerRequestId;
  if (a.conversationId !== undefined && b.conversationId !== undefined) return a.conversationId === b.conversationId;
  return a.providerRequestId === b.providerRequestId && a.conversationId === b.conversationId;
}

/**
 * Adds `result` to the latest results of a reference's attempts (oldest attempt first), for a
 * `ResultStore`. Returns the new list, or `undefined` when the result changes nothing: within
 * one attempt a `succeeded` is never replaced, and a final result is not replaced by a non-final one.
 *
 * @example
 * const next = recordAttemptResult(await load(reference), result);
 * if (next) await save(reference, next); // atomically: compare-and-set, a transaction, a Lua script
 */
export function recordAttemptResult(
  attempts: readonly ReversalResult[],
  result: ReversalResult,
): readonly ReversalResult[] | undefined {
  const index = attempts.findIndex((known) => sameAttempt(known, result));
  if (index === -1) return bounded([...attempts, result]);
  const known = attempts[index] as ReversalResult;
  if (known.status === 'succeeded' || (isFinalResult(known) && !isFinalResult(result))) return undefined;
  return attempts.map((attempt, at) => (at === index ? result : attempt));
}

/**
 * True when recording `result` in `store` would change what it holds for the result's attempt
 * (see {@link recordAttemptResult}). From the store's `attempts` when it has them; else judged from
 * `get` alone, which can only tell for the attempt the current result belongs to (for another
 * attempt it answers true, so that nothing that may be news is held back).
 */
export async function changesRecord(store: ResultStore, result: ReversalResult): Promise<boolean> {
  if (store.attempts) return recordAttemptResult(await store.attempts(result.reference), result) !== undefined;
  const current = await store.get(result.reference);
  return current === undefined || !sameAttempt(current, result) || recordAttemptResult([current], result) !== undefined;
}

/**
 * What a reference stands at, given its attempts' latest results (oldest attempt first): a
 * `succeeded` of any attempt (never replaced: a later "already reversed" does not undo it); else
 * the newest attempt still open or in doubt (`pending`, `unknown`), so that a new attempt's
 * `pending` supersedes an earlier failure and an earlier attempt that may have gone through is not
 * hidden by a later refusal; `failed` only when every attempt failed (the newest failure).
 */
export function currentResult(attempts: readonly ReversalResult[]): ReversalResult | undefined {
  const succeeded = attempts.find((attempt) => attempt.status === 'succeeded');
  if (succeeded) return succeeded;
  for (let index = attempts.length - 1; index >= 0; index -= 1) {
    const attempt = attempts[index] as ReversalResult;
    if (attempt.status !== 'failed') return attempt;
  }
  return attempts.at(-1);
}

function bounded(attempts: ReversalResult[]): ReversalResult[] {
  while (attempts.length > MAX_ATTEMPTS_PER_REFERENCE) {
    const failed = attempts.findIndex((attempt) => attempt.status === 'failed');
    const open = attempts.findIndex((attempt) => attempt.status !== 'succeeded');
    attempts.splice(failed !== -1 ? failed : open !== -1 ? open : 0, 1);
  }
  return attempts;
}

/**
 * The de-duplication key of a result: provider, reference, payment, attempt, status and the
 * provider's code. The same outcome of one attempt delivered twice has the same key; another
 * payment or another attempt under the same reference, or another outcome, does not.
 */
export function deduplicationKey(result: ReversalResult): string {
  const code = result.status === 'failed' || result.status === 'unknown' ? result.error.providerCode : '';
  const attempt = result.providerRequestId ?? result.conversationId ?? '';
  return JSON.stringify([result.provider, result.reference, result.originalTransactionId, attempt, result.status, code]);
}
