import type { ReversalProvider, ReversalResult } from '@reversal/core';
import type { AttemptState } from './model/attempt-state.js';
import { attemptStatusQuery } from './model/attempt-status-query.js';
import type { EntryState } from './model/entry-state.js';
import type { LedgerAttempt, LedgerEntry } from './model/ledger-entry.js';
import type { EntryKey, LedgerStore } from './store/ledger-store.js';

/** Options of `reconcile()`. */
export interface ReconcileOptions {
  /**
   * Only entries unchanged for this long, in milliseconds; default 300,000 (5 minutes). Keep it
   * longer than a reversal request may take (the provider's `timeoutMs` and its retries), or an
   * attempt still being sent by another instance could be asked about before the provider has it.
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
   * asks the provider and calls `resolve()`.
   */
  readonly unsupported: readonly (EntryKey & { readonly state: EntryState })[];
  /**
   * Entries whose status check failed, or whose outcome `onOutcome` threw on, with why: they are
   * due again on the next call.
   */
  readonly failed: readonly (EntryKey & { readonly message: string })[];
  /** Outcomes handed to `onOutcome` by this pass (ones an earlier hand-over failed or never reached). */
  readonly handedOver: number;
  /** Final entries deleted for retention (`prune()`). */
  readonly pruned: number;
}

/** The attempts a status check can settle. */
const CHECKABLE: ReadonlySet<AttemptState> = new Set(['sending', 'pending', 'unknown', 'duplicate', 'already-reversed']);
/** The entry states the reconciler settles: `pending` only past the provider's callback window. */
const IN_DOUBT: readonly EntryState[] = ['sending', 'unknown'];

/** How long an acknowledged reversal's callback may take before its status is checked, when not configured. */
export const DEFAULT_CALLBACK_WINDOW_MS = 15 * 60_000;
const DEFAULT_OLDER_THAN_MS = 5 * 60_000;
const LEASE_MS = 120_000;

/** What the reconciler needs of the ledger. */
export interface ReconcilerContext {
  readonly store: LedgerStore;
  readonly providers: readonly ReversalProvider[];
  readonly callbackWindowMs: (provider: string) => number;
  readonly now: () => Date;
  /** Records a status answer to one attempt of the entry; resolves with the entry. */
  recordStatus(key: EntryKey, attempt: LedgerAttempt, result: ReversalResult): Promise<LedgerEntry | undefined>;
  /** With `onOutcome`: hands the entry's outcome over if it is still due. */
  handOver?(key: EntryKey): Promise<'delivered' | 'none'>;
  prune(): Promise<number>;
}

/**
 * One pass of the reconciler: claims due entries (a lease per entry, so that reconcilers on every
 * instance never work one entry at once), checks the status of each attempt in doubt, records the
 * answers, gives the claims back, reports what it could not check, hands outcomes still due to
 * `onOutcome`, and prunes for retention.
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
  const byId = new Map(context.providers.map((provider) => [provider.id, provider]));

  const claimed = await store.findDue({ due, statusCheck: true, limit }, { now: at, until: new Date(at.getTime() + LEASE_MS) });
  const checked: ReconciledEntry[] = [];
  const unsupported: (EntryKey & { state: EntryState })[] = [];
  const failed: (EntryKey & { message: string })[] = [];
  for (const key of claimed) {
    try {
      const provider = byId.get(key.provider);
      if (typeof provider?.checkStatus !== 'function') {
        unsupported.push(key);
        continue;
      }
      const settled = await settle(context, provider, key);
      if (settled) checked.push(settled);
    } catch (error) {
      failed.push({ provider: key.provider, reference: key.reference, message: error instanceof Error ? error.message : String(error) });
    } finally {
      await store.releaseDue(key).catch(() => {});
    }
  }
  unsupported.push(...(await store.findDue({ due, statusCheck: false, limit })));
  const handedOver = context.handOver ? await handOverDue(context, context.handOver, limit, failed) : 0;
  return { checked, unsupported, failed, handedOver, pruned: await context.prune() };
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

async function settle(context: ReconcilerContext, provider: ReversalProvider, key: EntryKey): Promise<ReconciledEntry | undefined> {
  const entry = await context.store.get(key);
  if (!entry) return undefined;
  let after: EntryState = entry.state;
  for (const attempt of entry.attempts) {
    if (!CHECKABLE.has(attempt.state)) continue;
    const result = await provider.checkStatus!(attemptStatusQuery(entry, attempt));
    after = (await context.recordStatus(key, attempt, result))?.state ?? after;
  }
  return { provider: key.provider, reference: key.reference, before: entry.state, after };
}
