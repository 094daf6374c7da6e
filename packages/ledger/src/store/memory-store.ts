import { LedgerError } from '../ledger-error.js';
import type { LedgerEntryRecord } from '../model/ledger-entry.js';
import { DELETABLE_ENTRY_STATES } from '../model/entry-state.js';
import type { LedgerTombstone } from '../model/ledger-tombstone.js';
import { blocksPayment } from '../model/payment-guard.js';
import { createChangeFeed } from './change-feed.js';
import { dueOrder, isDueEntry } from './due-entry.js';
import type { DueQuery, EntryKey, LedgerStore } from './ledger-store.js';
import { toTombstone } from './to-tombstone.js';

/** Options of {@link createMemoryLedgerStore}. */
export interface MemoryLedgerStoreOptions {
  /** The most entries held at once; new entries are refused beyond it (never evicted). Default 10,000. */
  readonly maxEntries?: number;
  /**
   * How long a final entry is kept, in milliseconds, before the store may delete it to make room.
   * Default one day. Entries in doubt are never deleted.
   */
  readonly retentionMs?: number;
  /**
   * The most tombstones of pruned entries held at once (see `LedgerTombstone`); beyond it the
   * oldest go first. Default 100,000 (a few hundred bytes each).
   */
  readonly maxTombstones?: number;
  /** The clock, for tests. */
  readonly now?: () => Date;
}

const DELETABLE = new Set<string>(DELETABLE_ENTRY_STATES);

/**
 * A ledger store in this process's memory: for tests and for applications that accept losing
 * their ledger on restart. Bounded: when full it first deletes final entries past `retentionMs`,
 * then refuses new entries with `ERR_LEDGER_STORE_FULL`, because evicting an entry in doubt could
 * let a payment be reversed twice.
 *
 * @example
 * const ledger = createLedger({ store: createMemoryLedgerStore({ maxEntries: 1_000 }), provider });
 */
export function createMemoryLedgerStore(options: MemoryLedgerStoreOptions = {}): LedgerStore {
  const maxEntries = options.maxEntries ?? 10_000;
  const maxTombstones = options.maxTombstones ?? 100_000;
  const retentionMs = options.retentionMs ?? 86_400_000;
  const now = options.now ?? (() => new Date());
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw new LedgerError('ERR_LEDGER_CONFIG', 'maxEntries must be a whole number of at least 1.');
  }
  if (!Number.isSafeInteger(maxTombstones) || maxTombstones < 0) {
    throw new LedgerError('ERR_LEDGER_CONFIG', 'maxTombstones must be a whole number, 0 or more.');
  }
  if (!Number.isFinite(retentionMs) || retentionMs < 0) {
    throw new LedgerError('ERR_LEDGER_CONFIG', 'retentionMs must be a number of milliseconds, 0 or more.');
  }
  const entries = new Map<string, LedgerEntryRecord>();
  // Insertion order is pruning order: the first tombstone is the oldest.
  const tombstones = new Map<string, LedgerTombstone>();
  // provider + attempt reference → entry key.
  const attempts = new Map<string, string>();
  const feed = createChangeFeed();
  // entry key → the reconciler's claim on it: who holds it, until when.
  const leases = new Map<string, { readonly token: string; readonly until: number }>();
  const keyOf = (key: EntryKey) => `${key.provider}\u0000${key.reference}`;

  const put = (entry: LedgerEntryRecord) => {
    const key = keyOf(entry);
    entries.set(key, entry);
    for (const attempt of entry.attempts) attempts.set(`${entry.provider}\u0000${attempt.providerReference}`, key);
  };
  const remove = (key: string, entry: LedgerEntryRecord) => {
    entries.delete(key);
    leases.delete(key);
    for (const attempt of entry.attempts) attempts.delete(`${entry.provider}\u0000${attempt.providerReference}`);
  };
  /** The due entries no live claim holds, the longest waiting first. */
  const due = (query: DueQuery) =>
    [...entries]
      .filter(([key, entry]) => (leases.get(key)?.until ?? 0) < query.now.getTime() && isDueEntry(entry, query))
      .sort(([, a], [, b]) => dueOrder(a) - dueOrder(b));
  const prune = (before: Date, limit: number, tombstonesBefore?: Date, prunedAt = now()) => {
    let deleted = 0;
    for (const [key, entry] of entries) {
      if (deleted >= limit) break;
      if (DELETABLE.has(entry.state) && entry.updatedAt < before) {
        remove(key, entry);
        tombstones.set(key, toTombstone(entry, prunedAt));
        deleted += 1;
      }
    }
    for (const [key, tombstone] of tombstones) {
      if (tombstones.size <= maxTombstones && !(tombstonesBefore && tombstone.prunedAt < tombstonesBefore)) break;
      tombstones.delete(key);
    }
    return deleted;
  };
  const blocking = (entry: LedgerEntryRecord): LedgerEntryRecord | LedgerTombstone | undefined => {
    const same = (other: { provider: string; transactionId: string }) =>
      other.provider === entry.provider && other.transactionId === entry.request.transactionId;
    for (const other of entries.values()) {
      if (same({ provider: other.provider, transactionId: other.request.transactionId }) && blocksPayment(other.state, other.resolution?.outcome)) {
        return other;
      }
    }
    for (const tombstone of tombstones.values()) if (same(tombstone) && blocksPayment(tombstone.state, tombstone.resolutionOutcome)) return tombstone;
    return undefined;
  };

  return {
    async insert(entry, insertOptions) {
      const existing = entries.get(keyOf(entry));
      if (existing) return { kind: 'exists', entry: existing };
      const tombstone = tombstones.get(keyOf(entry));
      if (tombstone) return { kind: 'pruned', tombstone };
      const other = insertOptions?.guardPayment ? blocking(entry) : undefined;
      if (other) return { kind: 'payment-in-use', other };
      if (entries.size >= maxEntries) prune(new Date(now().getTime() - retentionMs), entries.size);
      if (entries.size >= maxEntries) {
        throw new LedgerError(
          'ERR_LEDGER_STORE_FULL',
          `The in-memory ledger store holds its maximum of ${maxEntries} entries and none may be deleted yet. ` +
            'Raise maxEntries, shorten retentionMs, or use the PGlite or PostgreSQL store.',
          { reference: entry.reference },
        );
      }
      put(entry);
      return { kind: 'inserted', entry };
    },
    async list(query) {
      return [...entries.values()]
        .filter(
          (entry) =>
            (query.provider === undefined || entry.provider === query.provider) &&
            (query.states === undefined || query.states.includes(entry.state)) &&
            (query.transactionId === undefined || entry.request.transactionId === query.transactionId) &&
            (query.updatedBefore === undefined || entry.updatedAt < query.updatedBefore),
        )
        .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime())
        .slice(0, query.limit);
    },
    async get(key) {
      return entries.get(keyOf(key));
    },
    async findByAttempt(provider, providerReference) {
      const key = attempts.get(`${provider}\u0000${providerReference}`);
      return key === undefined ? undefined : entries.get(key);
    },
    async update(key, change) {
      // Synchronous from read to write: no other update can run in between.
      const current = entries.get(keyOf(key));
      if (!current) return undefined;
      const next = change(current);
      if (!next || next === current) return current;
      put(next);
      if (next.state !== current.state) feed.emit({ provider: key.provider, reference: key.reference });
      return next;
    },
    watch: feed.watch,
    async findDue(query) {
      return due(query)
        .slice(0, query.limit)
        .map(([, entry]) => ({ provider: entry.provider, reference: entry.reference, state: entry.state }));
    },
    async claimDue(query, lease) {
      // Synchronous from the filter to the claim: no other claim can run in between.
      const [key, entry] = due(query)[0] ?? [];
      if (key === undefined || entry === undefined) return undefined;
      leases.set(key, { token: lease.token, until: lease.until.getTime() });
      return { provider: entry.provider, reference: entry.reference, state: entry.state };
    },
    async renewDue(key, lease) {
      const held = leases.get(keyOf(key));
      if (held?.token !== lease.token || !entries.has(keyOf(key))) return false;
      leases.set(keyOf(key), { token: lease.token, until: lease.until.getTime() });
      return true;
    },
    async findOutcomesDue(limit) {
      return [...entries.values()]
        .filter((entry) => entry.outcomeDelivery?.state === 'due' || entry.outcomeDelivery?.state === 'in-progress')
        .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime())
        .slice(0, limit)
        .map((entry) => ({ provider: entry.provider, reference: entry.reference }));
    },
    async releaseDue(key, token) {
      if (leases.get(keyOf(key))?.token === token) leases.delete(keyOf(key));
    },
    async prune(pruneOptions) {
      return prune(pruneOptions.before, pruneOptions.limit, pruneOptions.tombstonesBefore, pruneOptions.now);
    },
    async close() {
      entries.clear();
      tombstones.clear();
      attempts.clear();
      leases.clear();
    },
  };
}
