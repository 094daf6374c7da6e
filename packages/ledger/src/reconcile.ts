import { randomUUID } from 'node:crypto';
import type { ReversalProvider } from '@reversal/core';
import { type ChangeEntry, checkEntry, escalateUnchecked } from './check-entry.js';
import type { EscalationPolicy } from './escalation-policy.js';
import { keepClaim } from './keep-claim.js';
import type { EntryState } from './model/entry-state.js';
import type { EntryEscalation } from './model/ledger-entry.js';
import type { DueQuery, EntryKey, LedgerStore } from './store/ledger-store.js';

/** Options of `reconcile()`. */
export interface ReconcileOptions {
  /**
   * Only entries unchanged for this long, in milliseconds, before their first status check; default
   * 300,000 (5 minutes). Keep it longer than a reversal request may take (the provider's `timeoutMs`
   * and its retries), or an attempt still being sent by another instance could be asked about before
   * the provider has it. Later checks follow the backoff schedule (`STATUS_CHECK_BACKOFF_MS`).
   */
  readonly olderThanMs?: number;
  /** At most this many entries per call; default 100. */
  readonly limit?: number;
}

/** One entry the reconciler asked the provider about. */
export interface ReconciledEntry extends EntryKey {
  /** The entry's state before and after the status checks. */
  readonly before: EntryState;
  readonly after: EntryState;
}

/** What one `reconcile()` did. */
export interface ReconcileReport {
  /** The entries whose attempts in doubt were checked with the provider. */
  readonly checked: readonly ReconciledEntry[];
  /**
   * Due entries whose provider has no status check: left as they are, never guessed. A person
   * asks the provider and calls `resolve()`; past the escalation's `maxAgeMs` they are escalated.
   */
  readonly unsupported: readonly (EntryKey & { readonly state: EntryState })[];
  /**
   * Entries whose status check failed, or whose outcome `onOutcome` threw on, with why: they are
   * due again at their next scheduled check (a failed check counts toward the escalation).
   */
  readonly failed: readonly (EntryKey & { readonly message: string })[];
  /** Entries this pass handed to a person: now `needs-attention` (a `needs-attention` event each). */
  readonly escalated: readonly (EntryKey & Pick<EntryEscalation, 'reason' | 'checks'>)[];
  /** Outcomes handed to `onOutcome` by this pass (ones an earlier hand-over failed or never reached). */
  readonly handedOver: number;
  /** Final entries deleted for retention (`prune()`). */
  readonly pruned: number;
}

/** The entry states the reconciler settles: `pending` only past the provider's callback window. */
const IN_DOUBT: readonly EntryState[] = ['sending', 'unknown'];

/** How long an acknowledged reversal's callback may take before its status is checked, when not configured. */
export const DEFAULT_CALLBACK_WINDOW_MS = 15 * 60_000;
const DEFAULT_OLDER_THAN_MS = 5 * 60_000;
/** A claim on one entry: long enough for one status check, renewed while it runs. */
const LEASE_MS = 120_000;
const RENEW_EVERY_MS = LEASE_MS / 3;

/** What the reconciler needs of the ledger. */
export interface ReconcilerContext {
  readonly store: LedgerStore;
  readonly providers: readonly ReversalProvider[];
  readonly callbackWindowMs: (provider: string) => number;
  readonly escalation: (provider: string) => Readonly<Required<EscalationPolicy>>;
  readonly now: () => Date;
  /** Changes an entry as the ledger does: state derived, events published, outcome handed over. */
  readonly change: ChangeEntry;
  /** With `onOutcome`: hands the entry's outcome over if it is still due. */
  handOver?(key: EntryKey): Promise<'delivered' | 'none'>;
  prune(): Promise<number>;
}

/**
 * One pass of the reconciler: claims each due entry just before checking it (a lease per entry,
 * renewed while its check runs, released only by its holder, so that reconcilers on every instance
 * never check one entry at once), checks the status of each attempt in doubt, records the answers
 * with the next check's time (or the escalation), reports what it could not check, hands outcomes
 * still due to `onOutcome`, and prunes for retention.
 */
export async function reconcileOnce(context: ReconcilerContext, options: ReconcileOptions = {}): Promise<ReconcileReport> {
  const olderThanMs = options.olderThanMs ?? DEFAULT_OLDER_THAN_MS;
  const limit = options.limit ?? 100;
  if (!(olderThanMs >= 0) || !Number.isFinite(olderThanMs)) throw new RangeError('reconcile needs olderThanMs to be a number of milliseconds >= 0.');
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError('reconcile needs limit to be a whole number >= 1.');
  const { store } = context;
  const at = context.now();
  const before = (ms: number) => new Date(at.getTime() - ms);
  const due = context.providers.flatMap((provider) => [
    { provider: provider.id, states: IN_DOUBT, updatedBefore: before(olderThanMs) },
    { provider: provider.id, states: ['pending'] as EntryState[], updatedBefore: before(Math.max(olderThanMs, context.callbackWindowMs(provider.id))) },
  ]);
  const query: DueQuery = { due, now: at, statusCheck: true, limit };
  const byId = new Map(context.providers.map((provider) => [provider.id, provider]));
  const report = { checked: [] as ReconciledEntry[], unsupported: [] as (EntryKey & { state: EntryState })[] };
  const failed: (EntryKey & { message: string })[] = [];
  const escalated: (EntryKey & Pick<EntryEscalation, 'reason' | 'checks'>)[] = [];
  // Claims are held until the pass ends: an entry whose check could not be recorded stays due, and
  // must not be claimed again by this pass.
  const claims: [EntryKey, string][] = [];
  try {
    for (let count = 0; count < limit; count += 1) {
      const token = randomUUID();
      const until = () => new Date(context.now().getTime() + LEASE_MS);
      const claimed = await store.claimDue(query, { token, until: until() });
      if (!claimed) break;
      const key = { provider: claimed.provider, reference: claimed.reference };
      claims.push([key, token]);
      const provider = byId.get(key.provider);
      if (typeof provider?.checkStatus !== 'function') {
        report.unsupported.push(claimed);
        continue;
      }
      const lost = new AbortController();
      const stopRenewing = keepClaim(() => store.renewDue(key, { token, until: until() }), RENEW_EVERY_MS, () =>
        lost.abort(new Error('the reconciler lost its claim on the entry (its lease ended): another reconciler may check it')),
      );
      try {
        const check = await checkEntry(context, provider, key, context.escalation(key.provider), lost.signal);
        if (check === undefined) continue;
        if (check.failure === undefined) report.checked.push({ ...key, before: check.before, after: check.after });
        else failed.push({ ...key, message: check.failure });
        if (check.escalation) escalated.push({ ...key, reason: check.escalation.reason, checks: check.escalation.checks });
      } catch (error) {
        failed.push({ ...key, message: error instanceof Error ? error.message : String(error) });
      } finally {
        stopRenewing();
      }
    }
  } finally {
    await Promise.all(claims.map(([key, token]) => store.releaseDue(key, token).catch(() => {})));
  }
  for (const entry of await store.findDue({ ...query, statusCheck: false })) {
    report.unsupported.push(entry);
    const key = { provider: entry.provider, reference: entry.reference };
    try {
      const escalation = await escalateUnchecked(context, key, context.escalation(key.provider));
      if (escalation) escalated.push({ ...key, reason: escalation.reason, checks: escalation.checks });
    } catch (error) {
      failed.push({ ...key, message: error instanceof Error ? error.message : String(error) });
    }
  }
  const handedOver = context.handOver ? await handOverDue(context, context.handOver, limit, failed) : 0;
  return { ...report, failed, escalated, handedOver, pruned: await context.prune() };
}

/** Hands over the outcomes still due (their claims keep two instances from handing one over twice). */
async function handOverDue(
  context: ReconcilerContext,
  handOver: NonNullable<ReconcilerContext['handOver']>,
  limit: number,
  failed: (EntryKey & { message: string })[],
): Promise<number> {
  let count = 0;
  for (const key of await context.store.findOutcomesDue(limit)) {
    try {
      if ((await handOver(key)) === 'delivered') count += 1;
    } catch (error) {
      failed.push({ provider: key.provider, reference: key.reference, message: `onOutcome threw: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return count;
}
