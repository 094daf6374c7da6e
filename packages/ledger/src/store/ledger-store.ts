import type { LedgerEntryRecord } from '../model/ledger-entry.js';

/** Identifies an entry: the provider id and the caller's reference. */
export interface EntryKey {
  readonly provider: string;
  readonly reference: string;
}

/** What {@link LedgerStore.prune} deletes. */
export interface PruneOptions {
  /** Deletes only deletable entries (final, not in doubt) last changed before this time. */
  readonly before: Date;
  /** At most this many entries per call. */
  readonly limit: number;
}

/**
 * Where a ledger keeps its entries: in memory ({@link createMemoryLedgerStore}), embedded PGlite
 * or PostgreSQL. The ledger holds every rule; a store only keeps records, atomically.
 *
 * Rules an implementation must keep:
 * - At most one entry per key; `insert` of an existing key changes nothing and returns the stored one.
 * - `update` runs `change` on the current entry with no other `update` of that entry in between,
 *   in any process (a row lock), and stores what it returns; a throw from `change` stores nothing.
 * - Attempt `providerReference`s are unique per provider.
 * - Entries in doubt are never deleted; `prune` deletes only the states the ledger marks deletable.
 */
export interface LedgerStore {
  /** Records a new entry with its attempts, unless the key exists. */
  insert(entry: LedgerEntryRecord): Promise<{ readonly inserted: boolean; readonly entry: LedgerEntryRecord }>;
  /** The entry with its attempts, or `undefined`. */
  get(key: EntryKey): Promise<LedgerEntryRecord | undefined>;
  /** The entry one of whose attempts the provider knows by `providerReference`. */
  findByAttempt(provider: string, providerReference: string): Promise<LedgerEntryRecord | undefined>;
  /**
   * Changes an entry atomically: `change` receives the current entry and returns the new one
   * (attempts added or replaced, never removed), or `undefined` to leave it as it is. Resolves
   * with the stored entry, or `undefined` when there is none.
   */
  update(key: EntryKey, change: (entry: LedgerEntryRecord) => LedgerEntryRecord | undefined): Promise<LedgerEntryRecord | undefined>;
  /** Deletes final entries older than `before` (see {@link PruneOptions}); resolves with how many. */
  prune(options: PruneOptions): Promise<number>;
  /** Releases what the store holds (a database, a lock file). Not a pool the caller passed in. */
  close(): Promise<void>;
}
