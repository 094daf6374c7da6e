import type { ReversalProvider, ReversalResult } from '@reversal/core';
import type { EscalationPolicy } from './escalation-policy.js';
import { applyAnswer } from './model/apply-answer.js';
import type { AttemptState } from './model/attempt-state.js';
import { attemptStatusQuery } from './model/attempt-status-query.js';
import type { EntryState } from './model/entry-state.js';
import type { EntryEscalation, LedgerAttempt, LedgerEntry, LedgerEntryRecord } from './model/ledger-entry.js';
import { afterStatusCheck, escalationDue } from './model/status-check-schedule.js';
import type { EntryKey, LedgerStore } from './store/ledger-store.js';

/** The attempts a status check can settle. */
const CHECKABLE: ReadonlySet<AttemptState> = new Set(['sending', 'pending', 'unknown', 'duplicate', 'already-reversed']);

/** The states an entry of a provider without a status check waits in, for a callback or a person. */
const UNCHECKED_DOUBT: ReadonlySet<EntryState> = new Set(['sending', 'pending', 'unknown']);

/** Changes an entry the way the ledger does (state derived, events published, outcome handed over). */
export type ChangeEntry = (
  key: EntryKey,
  edit: (entry: LedgerEntryRecord) => LedgerEntryRecord | undefined,
) => Promise<LedgerEntry | undefined>;

/** What checking one entry did. */
export interface EntryCheck {
  readonly before: EntryState;
  readonly after: EntryState;
  /** Set when this check escalated the entry. */
  readonly escalation?: EntryEscalation;
  /** Why a status query failed (the answers before it are recorded, and the check counted). */
  readonly failure?: string;
}

/**
 * Asks the provider about every attempt of the entry in doubt, then records, in one change, the
 * answers, the check (counted, the next one scheduled) and, when `policy` is exhausted, the
 * escalation. A failed query still counts: a provider that cannot answer is asked less and less
 * often, and the entry reaches a person. `undefined` when the entry is gone.
 */
export async function checkEntry(
  context: { readonly store: LedgerStore; readonly change: ChangeEntry; readonly now: () => Date },
  provider: ReversalProvider,
  key: EntryKey,
  policy: Readonly<Required<EscalationPolicy>>,
  signal: AbortSignal,
): Promise<EntryCheck | undefined> {
  const entry = await context.store.get(key);
  if (!entry) return undefined;
  const answers: [LedgerAttempt, ReversalResult][] = [];
  let failure: string | undefined;
  for (const attempt of entry.attempts.filter((each) => CHECKABLE.has(each.state))) {
    try {
      answers.push([attempt, await provider.checkStatus!(attemptStatusQuery(entry, attempt), { signal })]);
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
      break;
    }
  }
  let escalation: EntryEscalation | undefined;
  const stored = await context.change(key, (current) => {
    const now = context.now();
    const attempts = current.attempts.map((each) => {
      const answer = answers.find(([attempt]) => attempt.number === each.number);
      return answer ? applyAnswer(each, answer[1], 'status', now) : each;
    });
    const checked = afterStatusCheck({ ...current, attempts }, policy, now);
    if (!current.escalation && checked.escalation) escalation = checked.escalation;
    return checked;
  });
  if (!stored) return undefined;
  return { before: entry.state, after: stored.state, ...(escalation ? { escalation } : {}), ...(failure === undefined ? {} : { failure }) };
}

/**
 * Escalates an entry of a provider without a status check once `policy.maxAgeMs` has passed: no
 * check will ever settle it, only a callback or a person. Resolves with the escalation, or
 * `undefined` when it is not due (or another instance recorded it first).
 */
export async function escalateUnchecked(
  context: { readonly change: ChangeEntry; readonly now: () => Date },
  key: EntryKey,
  policy: Readonly<Required<EscalationPolicy>>,
): Promise<EntryEscalation | undefined> {
  let escalation: EntryEscalation | undefined;
  await context.change(key, (current) => {
    if (current.escalation || current.statusCheck || !UNCHECKED_DOUBT.has(current.state)) return undefined;
    escalation = escalationDue(current, { ...policy, maxChecks: Number.POSITIVE_INFINITY }, context.now(), 0);
    return escalation && { ...current, escalation };
  });
  return escalation;
}
