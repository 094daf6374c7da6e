import { LedgerError } from '../ledger-error.js';
import type { LedgerEntryRecord } from '../model/ledger-entry.js';
import { DELETABLE_ENTRY_STATES } from '../model/entry-state.js';
import { createChangeFeed } from './change-feed.js';
import { dueOrder, isDueEntry } from './due-entry.js';
import type { DueQuery, EntryKey, LedgerStore } from './ledger-store.js';

/** Options of {@link createMemoryLedgerStore}. */
export interface MemoryLedgerStoreOptions {
  /** The most entries held at once; new entries are refused beyond it (never evicted). Default 10,000. */
  readonly maxEntries?: number;
  /**
   * How long a final entry is kept, in milliseconds, before the store may delete it to make room.
   * Default one day. Entries in doubt are never deleted.
   */
  readonly retentionMs?: number;
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
  const retentionMs = options.retentionMs ?? 86_400_000;
  const now = options.now ?? (() => new Date());
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw new LedgerError('ERR_LEDGER_CONFIG', 'maxEntries must be a whole number of at least 1.');
  }
  if (!Number.isFinite(retentionMs) || retentionMs < 0) {
    throw new LedgerError('ERR_LEDGER_CONFIG', 'retentionMs must be a number of milliseconds, 0 or more.');
  }
  const entries = new Map<string, LedgerEntryRecord>();
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
  const prune = (before: Date, limit: number) => {
    let deleted = 0;
    for (const [key, entry] of entries) {
      if (deleted >= limit) break;
      if (DELETABLE.has(entry.state) && entry.updatedAt < before) {
        remove(key, entry);
        deleted += 1;
      }
    }
    return deleted;
  };

  return {
    async insert(entry) {
      const existing = entries.get(keyOf(entry));
      if (existing) return { inserted: false, entry: existing };
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
      return { inserted: true, entry };
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
      return prune(pruneOptions.before, pruneOptions.limit);
    },
    async close() {
      entries.clear();
      attempts.clear();
      leases.clear();
    },
  };
}
