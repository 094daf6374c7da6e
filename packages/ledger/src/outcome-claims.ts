import { randomUUID } from 'node:crypto';
import type { CallbackDeduplicator, ClaimOutcome, LedgerReceipt } from '@reversal/core';
import { type EntryState, OUTCOME_ENTRY_STATES } from './model/entry-state.js';
import { toLedgerEntry } from './model/entry-view.js';
import type { LedgerEntryRecord, OutcomeDelivery } from './model/ledger-entry.js';
import type { EntryKey, LedgerStore } from './store/ledger-store.js';

const OUTCOME_STATES: ReadonlySet<EntryState> = new Set(OUTCOME_ENTRY_STATES);

/** True when `delivery` says the entry's outcome as it stands now was handed over (or superseded). */
function handedOver(entry: LedgerEntryRecord, delivery = entry.outcomeDelivery): boolean {
  if (!delivery) return false;
  if (delivery.attempts !== entry.attempts.length) return delivery.attempts > entry.attempts.length;
  return delivery.state === 'done' && (delivery.outcome === undefined || delivery.outcome === entry.state);
}

/**
 * The claim key of the entry's outcome still to hand over: the entry, its number of attempts and
 * its state (a retry, or a later change of state, opens a new outcome); `undefined` when it has no
 * outcome or it was handed over already.
 */
export function outcomeKey(entry: LedgerEntryRecord): string | undefined {
  if (!OUTCOME_STATES.has(entry.state) || handedOver(entry)) return undefined;
  return JSON.stringify([entry.provider, entry.reference, entry.attempts.length, entry.state]);
}

/**
 * The entry with its outcome marked `due` for `onOutcome`, when it has one not handed over yet
 * (written in the same change that brought the outcome, so that a crash before the hand-over
 * leaves it for the reconciler); otherwise the entry as it is.
 */
export function markOutcomeDue(entry: LedgerEntryRecord): LedgerEntryRecord {
  const current = entry.outcomeDelivery;
  if (!outcomeKey(entry)) return entry;
  if (current && current.attempts === entry.attempts.length && current.outcome === entry.state && current.state !== 'done') return entry;
  return { ...entry, outcomeDelivery: { attempts: entry.attempts.length, outcome: entry.state, state: 'due' } };
}

/**
 * What a callback handler should do about an entry a result was just recorded to: hand its outcome
 * to `onResult` (claimed under {@link outcomeKey}), or nothing when it has none yet or it was
 * handed over already. The result handed over is the one that decides the entry, under the
 * caller's reference.
 */
export function outcomeReceipt(entry: LedgerEntryRecord): LedgerReceipt {
  const key = outcomeKey(entry);
  const view = toLedgerEntry(entry);
  if (!key || !view.result) return { kind: 'recorded' };
  return { kind: 'outcome', key, result: { ...view.result, reference: entry.reference } };
}

function parseKey(key: string): { entry: EntryKey; attempts: number; outcome: EntryState } | undefined {
  try {
    const [provider, reference, attempts, outcome] = JSON.parse(key) as unknown[];
    if (typeof provider === 'string' && typeof reference === 'string' && Number.isSafeInteger(attempts) && OUTCOME_STATES.has(outcome as EntryState)) {
      return { entry: { provider, reference }, attempts: attempts as number, outcome: outcome as EntryState };
    }
  } catch {
    // Not a key of this ledger.
  }
  return undefined;
}

/** Options of {@link createOutcomeClaims}. */
export interface OutcomeClaimsOptions {
  /** A released claim goes back to `due` (for `onOutcome`, which the reconciler retries), not away. */
  readonly releaseToDue: boolean;
}

/** The outcome claims: a {@link CallbackDeduplicator} whose claims can be renewed while their holder works. */
export interface OutcomeClaims extends CallbackDeduplicator {
  /**
   * Extends the claim `token` holds on `key` to `leaseMs` from now; resolves false when that token
   * no longer holds it (its lease ended and another took it, or the entry moved on).
   */
  renew(key: string, token: string, options: { readonly leaseMs: number }): Promise<boolean>;
}

/**
 * The claims of outcomes handed to the application, kept on the entries themselves (so they hold
 * across every instance sharing the store, and are changed under the entry's row lock). A claim
 * for an outcome the entry has moved on from (another attempt, another state) is `done`: the
 * change that moved it hands over the new one.
 */
export function createOutcomeClaims(store: LedgerStore, now: () => Date, options: OutcomeClaimsOptions): OutcomeClaims {
  type Parsed = NonNullable<ReturnType<typeof parseKey>>;
  /** Changes the entry's delivery record; resolves with what `decide` said. */
  const edit = async <T>(key: string, decide: (entry: LedgerEntryRecord, parsed: Parsed) => [T, OutcomeDelivery | null | undefined]) => {
    const parsed = parseKey(key);
    if (!parsed) return undefined;
    let answer: T | undefined;
    await store.update(parsed.entry, (entry) => {
      const [value, next] = decide(entry, parsed);
      answer = value;
      if (next === undefined) return undefined;
      const { outcomeDelivery: _, ...rest } = entry;
      return next === null ? rest : { ...rest, outcomeDelivery: next };
    });
    return answer;
  };
  const sameOutcome = (current: OutcomeDelivery | undefined, { attempts, outcome }: Parsed) =>
    current !== undefined && current.attempts === attempts && (current.outcome === undefined || current.outcome === outcome);

  return {
    async claim(key, { leaseMs }) {
      const at = now().getTime();
      const outcome = await edit<ClaimOutcome>(key, (entry, parsed) => {
        const current = entry.outcomeDelivery;
        // The entry moved on (a retry, another state): this outcome is superseded, nothing to hand over.
        if (entry.attempts.length !== parsed.attempts || entry.state !== parsed.outcome || handedOver(entry)) return [{ kind: 'done' }, undefined];
        const leaseEndsAt = current?.leaseEndsAt?.getTime() ?? 0;
        if (current?.state === 'in-progress' && sameOutcome(current, parsed) && leaseEndsAt > at) {
          return [{ kind: 'in-progress', retryAfterMs: leaseEndsAt - at }, undefined];
        }
        const token = randomUUID();
        return [
          { kind: 'claimed', token },
          { attempts: parsed.attempts, outcome: parsed.outcome, state: 'in-progress', token, leaseEndsAt: new Date(at + leaseMs) },
        ];
      });
      // No entry (pruned since): there is nothing left to hand over.
      return outcome ?? { kind: 'done' };
    },
    async complete(key) {
      await edit(key, (entry, parsed) => {
        const current = entry.outcomeDelivery;
        // Never overwrite the record of a later outcome (one more attempt, or another state).
        const later = current !== undefined && (current.attempts > parsed.attempts || (current.attempts === parsed.attempts && !sameOutcome(current, parsed)));
        return [undefined, later ? undefined : { attempts: parsed.attempts, outcome: parsed.outcome, state: 'done' }];
      });
    },
    async renew(key, token, { leaseMs }) {
      const renewed = await edit<boolean>(key, (entry, parsed) => {
        const current = entry.outcomeDelivery;
        if (current?.state !== 'in-progress' || current.token !== token || !sameOutcome(current, parsed)) return [false, undefined];
        return [true, { ...current, leaseEndsAt: new Date(now().getTime() + leaseMs) }];
      });
      return renewed === true;
    },
    async release(key, token) {
      await edit(key, (entry, parsed) => {
        const current = entry.outcomeDelivery;
        if (current?.state !== 'in-progress' || current.token !== token || !sameOutcome(current, parsed)) return [undefined, undefined];
        return [undefined, options.releaseToDue ? { attempts: parsed.attempts, outcome: parsed.outcome, state: 'due' } : null];
      });
    },
  };
}
