import { randomUUID } from 'node:crypto';
import type { CallbackDeduplicator, ClaimOutcome, LedgerReceipt } from '@reversal/core';
import { OUTCOME_ENTRY_STATES } from './model/entry-state.js';
import { toLedgerEntry } from './model/entry-view.js';
import type { LedgerEntryRecord, OutcomeDelivery } from './model/ledger-entry.js';
import type { EntryKey, LedgerStore } from './store/ledger-store.js';

const OUTCOME_STATES = new Set(OUTCOME_ENTRY_STATES);

/**
 * What a callback handler should do about an entry a result was just recorded to: hand its outcome
 * to `onResult` (claimed under `key`: the entry and its number of attempts, so a retry opens a new
 * outcome), or nothing when it has none yet or it was handed over already. The result handed over
 * is the one that decides the entry, under the caller's reference.
 */
export function outcomeReceipt(entry: LedgerEntryRecord): LedgerReceipt {
  const view = toLedgerEntry(entry);
  const delivered = entry.outcomeDelivery;
  if (!OUTCOME_STATES.has(view.state) || !view.result) return { kind: 'recorded' };
  if (delivered?.state === 'done' && delivered.attempts >= entry.attempts.length) return { kind: 'recorded' };
  const key = JSON.stringify([entry.provider, entry.reference, entry.attempts.length]);
  return { kind: 'outcome', key, result: { ...view.result, reference: entry.reference } };
}

function parseKey(key: string): { entry: EntryKey; attempts: number } | undefined {
  try {
    const [provider, reference, attempts] = JSON.parse(key) as unknown[];
    if (typeof provider === 'string' && typeof reference === 'string' && Number.isSafeInteger(attempts)) {
      return { entry: { provider, reference }, attempts: attempts as number };
    }
  } catch {
    // Not a key of this ledger.
  }
  return undefined;
}

/**
 * The claims of outcomes handed to `onResult`, kept on the entries themselves (so they hold across
 * every instance sharing the store, and are changed under the entry's row lock).
 */
export function createOutcomeClaims(store: LedgerStore, now: () => Date): CallbackDeduplicator {
  /** Changes the entry's delivery record; resolves with what `decide` said. */
  const edit = async <T>(key: string, decide: (current: OutcomeDelivery | undefined, attempts: number) => [T, OutcomeDelivery | null | undefined]) => {
    const parsed = parseKey(key);
    if (!parsed) return undefined;
    let answer: T | undefined;
    await store.update(parsed.entry, (entry) => {
      const [value, next] = decide(entry.outcomeDelivery, parsed.attempts);
      answer = value;
      if (next === undefined) return undefined;
      const { outcomeDelivery: _, ...rest } = entry;
      return next === null ? rest : { ...rest, outcomeDelivery: next };
    });
    return answer;
  };

  return {
    async claim(key, { leaseMs }) {
      const at = now().getTime();
      const outcome = await edit<ClaimOutcome>(key, (current, attempts) => {
        // An outcome of fewer attempts than the one handed over is superseded: nothing to hand over.
        if (current && (current.attempts > attempts || (current.attempts === attempts && current.state === 'done'))) {
          return [{ kind: 'done' }, undefined];
        }
        const leaseEndsAt = current?.leaseEndsAt?.getTime() ?? 0;
        if (current?.attempts === attempts && leaseEndsAt > at) return [{ kind: 'in-progress', retryAfterMs: leaseEndsAt - at }, undefined];
        const token = randomUUID();
        return [{ kind: 'claimed', token }, { attempts, state: 'in-progress', token, leaseEndsAt: new Date(at + leaseMs) }];
      });
      // No entry (pruned since): there is nothing left to hand over.
      return outcome ?? { kind: 'done' };
    },
    async complete(key) {
      await edit(key, (current, attempts) => [undefined, current && current.attempts > attempts ? undefined : { attempts, state: 'done' }]);
    },
    async release(key, token) {
      await edit(key, (current, attempts) => [
        undefined,
        current?.state === 'in-progress' && current.attempts === attempts && current.token === token ? null : undefined,
      ]);
    },
  };
}
