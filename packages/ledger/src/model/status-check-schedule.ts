import type { EscalationPolicy } from '../escalation-policy.js';
import { deriveEntryState, type EntryState, IN_DOUBT_ENTRY_STATES } from './entry-state.js';
import type { EntryEscalation, LedgerEntryRecord } from './ledger-entry.js';

const IN_DOUBT: ReadonlySet<EntryState> = new Set(IN_DOUBT_ENTRY_STATES);
const DAY_MS = 86_400_000;

/**
 * The reconciler's backoff, as data: the wait after the 1st, 2nd, 3rd… status check of an entry in
 * doubt before the next one (1 minute, 5, 15, 1 hour, 3, 6, 12, 24), then daily. The first check
 * comes once the entry is unchanged for `olderThanMs` (pending: the provider's callback window).
 * Early checks are close together because most answers that settle nothing come from a provider
 * still processing; later ones are far apart because an entry still in doubt after hours waits on a
 * person or a late callback, and every check costs a query.
 */
export const STATUS_CHECK_BACKOFF_MS: readonly number[] = Object.freeze([
  60_000,
  5 * 60_000,
  15 * 60_000,
  3_600_000,
  3 * 3_600_000,
  6 * 3_600_000,
  12 * 3_600_000,
  DAY_MS,
]);

/**
 * How long after its `count`-th status check an entry is checked again: the schedule's step, then
 * daily; an escalated entry daily at most (a late answer may still settle it, but a person has it).
 */
export function statusCheckDelay(count: number, escalated: boolean): number {
  const step = STATUS_CHECK_BACKOFF_MS[Math.min(Math.max(count, 1), STATUS_CHECK_BACKOFF_MS.length) - 1]!;
  return escalated ? Math.max(step, DAY_MS) : step;
}

/**
 * The escalation an entry in doubt is due after `checks` status checks at `now` under `policy`, or
 * `undefined`. Its time in doubt counts from its latest attempt (a retry is a new doubt).
 */
export function escalationDue(
  entry: LedgerEntryRecord,
  policy: Readonly<Required<EscalationPolicy>>,
  now: Date,
  checks: number,
): EntryEscalation | undefined {
  const since = entry.attempts.at(-1)?.createdAt ?? entry.createdAt;
  if (checks >= policy.maxChecks) return { at: now, reason: 'checks', checks };
  if (now.getTime() - since.getTime() >= policy.maxAgeMs) return { at: now, reason: 'age', checks };
  return undefined;
}

/**
 * The entry after a status check whose answers are already applied: the check counted, the next one
 * scheduled (daily once escalated), and escalated when `policy` says so. An entry the answers
 * settled is returned as it is: it leaves the schedule.
 */
export function afterStatusCheck(entry: LedgerEntryRecord, policy: Readonly<Required<EscalationPolicy>>, now: Date): LedgerEntryRecord {
  if (!IN_DOUBT.has(deriveEntryState(entry))) return entry;
  const count = (entry.statusChecks?.count ?? 0) + 1;
  const escalation = entry.escalation ?? escalationDue(entry, policy, now, count);
  const nextAt = new Date(now.getTime() + statusCheckDelay(count, escalation !== undefined));
  return { ...entry, statusChecks: { count, lastAt: now, nextAt }, ...(escalation ? { escalation } : {}) };
}
