import { keepClaim } from './keep-claim.js';
import { toLedgerEntry } from './model/entry-view.js';
import type { LedgerEntry, LedgerEntryRecord } from './model/ledger-entry.js';
import { type OutcomeClaims, outcomeKey } from './outcome-claims.js';

/**
 * How long a hand-over to `onOutcome` holds its claim before another instance may take it over:
 * renewed every third of it while `onOutcome` runs, so only a process that stopped inside it lets
 * the claim lapse.
 */
export const OUTCOME_LEASE_MS = 60_000;
const RENEW_EVERY_MS = OUTCOME_LEASE_MS / 3;

/** What handing an entry's outcome over gave: `none` when there was nothing to hand over here. */
export type HandOver = 'delivered' | 'none';

/**
 * Hands an entry's outcome to `onOutcome` once across every instance sharing the store: claimed
 * through the same claims a callback handler uses (kept on the entry), renewed while `onOutcome`
 * runs (however long it takes), completed when it returned, released back to `due` when it threw
 * (the error is rethrown; the reconciler tries again). An outcome another instance holds, has
 * handed over, or that the entry moved on from is `none`.
 */
export function createOutcomeHandOver(claims: OutcomeClaims, onOutcome: (entry: LedgerEntry) => unknown) {
  return async function handOver(entry: LedgerEntryRecord): Promise<HandOver> {
    const key = outcomeKey(entry);
    if (!key) return 'none';
    const claim = await claims.claim(key, { leaseMs: OUTCOME_LEASE_MS });
    if (claim.kind !== 'claimed') return 'none';
    const stopRenewing = keepClaim(() => claims.renew(key, claim.token, { leaseMs: OUTCOME_LEASE_MS }), RENEW_EVERY_MS);
    try {
      await onOutcome(toLedgerEntry(entry));
    } catch (error) {
      await claims.release(key, claim.token).catch(() => {});
      throw error;
    } finally {
      stopRenewing();
    }
    // Handed over either way; a failed `complete` only lets the reconciler hand it over again after the lease.
    await claims.complete(key, claim.token).catch(() => {});
    return 'delivered';
  };
}
