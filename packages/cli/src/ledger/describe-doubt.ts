import type { ReversalProvider } from '@reversal/core';
import type { EntryState, LedgerEntry } from '@reversal/ledger';
import { shellWord } from '../shell-word.js';
import type { LedgerHint } from './describe-location.js';

/** The entry states in doubt: the payment may be reversed, or will be, and nobody has settled it. */
export const IN_DOUBT_STATES: readonly EntryState[] = Object.freeze(['sending', 'pending', 'unknown', 'needs-attention']);

/** One entry in doubt, for `reversal reconcile`: why it is, and what to do. */
export interface DoubtfulEntry {
  readonly provider: string;
  readonly reference: string;
  readonly state: EntryState;
  readonly transactionId: string;
  readonly updatedAt: Date;
  readonly why: string;
  readonly next: string;
}

/** What {@link describeDoubt} knows of the pass that was just made. */
export interface DoubtContext {
  /** The provider this run is configured for: entries of another one were not checked. */
  readonly provider: Pick<ReversalProvider, 'id' | 'capabilities'>;
  /** Why a status check failed, by reference, in this pass. */
  readonly failures: ReadonlyMap<string, string>;
  /** `reconcile --wait` listened for status answers (callback providers). */
  readonly listened: boolean;
  /** When the pass ended: a status check scheduled after it is named. */
  readonly now: Date;
  readonly ledger: LedgerHint;
}

/** Why `entry` is still in doubt after a reconcile pass, and the command that moves it on. */
export function describeDoubt(entry: LedgerEntry, context: DoubtContext): DoubtfulEntry {
  const { provider } = context;
  const reference = shellWord(entry.reference);
  const args = context.ledger.args;
  const byCallback = provider.capabilities.statusDelivery === 'callback';
  const status = `reversal status --reference ${reference}${args}${byCallback ? ' --wait' : ''}`;
  const resolve = `reversal resolve --reference ${reference} --outcome reversed|not-reversed --note '<what you found>'${args}`;
  const base = {
    provider: entry.provider,
    reference: entry.reference,
    state: entry.state,
    transactionId: entry.request.transactionId,
    updatedAt: entry.updatedAt,
  };
  if (entry.state === 'needs-attention') {
    return { ...base, why: `may be reversed, and ${needsAttentionWhy(entry)}`, next: `look it up in the provider portal, then ${resolve}` };
  }
  if (entry.provider !== provider.id) {
    return {
      ...base,
      why: `not checked: this run is configured for ${provider.id}`,
      next: `reversal reconcile${args} with REVERSAL_PROVIDER=${entry.provider} and its variables`,
    };
  }
  const failure = context.failures.get(entry.reference);
  if (failure !== undefined) {
    return { ...base, why: `the status check failed: ${failure}`, next: `reversal reconcile${args} again later, or ${status}` };
  }
  if (!provider.capabilities.statusCheck) {
    return { ...base, why: `${provider.id} has no status check`, next: `look it up in the provider portal, then ${resolve}` };
  }
  const nextCheck = entry.statusChecks && entry.statusChecks.nextAt > context.now ? entry.statusChecks.nextAt : undefined;
  const waitHint =
    (nextCheck ? `; ${entry.statusChecks!.count} status check(s) so far, the next after ${nextCheck.toISOString()}` : '') +
    (byCallback && !context.listened ? ` (${provider.id} answers by callback: add --wait to receive the answer here)` : '');
  switch (entry.state) {
    case 'sending':
      return {
        ...base,
        why: `being sent, or its sender stopped before the answer: it may have reached the provider${waitHint}`,
        next: status,
      };
    case 'pending':
      return {
        ...base,
        why: `accepted; its outcome comes by callback (checked once the callback window has passed)${waitHint}`,
        next: `wait, or ${status}`,
      };
    default:
      return {
        ...base,
        why: `may have been applied; no status answer has settled it yet${waitHint}`,
        next: `${status}, or look it up in the provider portal, then ${resolve}`,
      };
  }
}

/** Why only a person can settle a `needs-attention` entry: the reconciler gave up, or no check can tell. */
function needsAttentionWhy(entry: LedgerEntry): string {
  const { escalation } = entry;
  if (!escalation) return 'no status check can settle it';
  const checks = `${escalation.checks} status check(s)`;
  return escalation.reason === 'checks'
    ? `the reconciler handed it to a person after ${checks} that did not settle it`
    : `the reconciler handed it to a person after too long in doubt (${checks})`;
}
