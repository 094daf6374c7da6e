import type { EntryState } from '../model/entry-state.js';
import type { LedgerEntryRecord } from '../model/ledger-entry.js';
import type { LedgerTombstone } from '../model/ledger-tombstone.js';
import type { StopWatching } from './change-feed.js';

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
  /** Also deletes tombstones of entries pruned before this time (see {@link LedgerTombstone}). */
  readonly tombstonesBefore?: Date;
  /** The time the tombstones record as `prunedAt`; the store's clock when left out. */
  readonly now?: Date;
}

/** Options of {@link LedgerStore.insert}. */
export interface InsertOptions {
  /**
   * Refuse the entry when another entry (or tombstone) of the same provider and payment blocks it
   * (`blocksPayment`: it is, or may be, reversed).
   */
  readonly guardPayment?: boolean;
}

/** What {@link LedgerStore.insert} did. */
export type InsertOutcome =
  /** The entry was recorded. */
  | { readonly kind: 'inserted'; readonly entry: LedgerEntryRecord }
  /** An entry with this key exists: nothing changed; it is returned as stored. */
  | { readonly kind: 'exists'; readonly entry: LedgerEntryRecord }
  /** An entry with this key was pruned: nothing changed; its tombstone says what happened to it. */
  | { readonly kind: 'pruned'; readonly tombstone: LedgerTombstone }
  /** Another entry (or tombstone) of the same payment blocks it (see {@link InsertOptions}). */
  | { readonly kind: 'payment-in-use'; readonly other: LedgerEntryRecord | LedgerTombstone };

/** Which entries {@link LedgerStore.list} returns; every field narrows. */
export interface StoreListQuery {
  readonly provider?: string;
  readonly states?: readonly LedgerEntryRecord['state'][];
  readonly transactionId?: string;
  readonly updatedBefore?: Date;
  /** At most this many, the longest unchanged first. */
  readonly limit: number;
}

/**
 * Which entries the reconciler is due to look at: see {@link LedgerStore.findDue} and
 * {@link isDueEntry}, the rule every store keeps.
 */
export interface DueQuery {
  /**
   * Per provider, the entries never checked yet (no `statusChecks`): in one of `states`, last
   * changed before `updatedBefore`. Entries of these providers checked before are due once their
   * `statusChecks.nextAt` has come (at `now`), whatever `updatedBefore` says.
   */
  readonly due: readonly { readonly provider: string; readonly states: readonly EntryState[]; readonly updatedBefore: Date }[];
  /** Now: the time next checks are compared with, and a claim whose lease ended before it is free. */
  readonly now: Date;
  /** Only entries whose provider can (true) or cannot (false) answer status checks. */
  readonly statusCheck: boolean;
  /** At most this many, the longest waiting first. */
  readonly limit: number;
}

/** A reconciler's claim on one entry, so that no other checks it at once; released only by its token. */
export interface DueLease {
  /** Identifies the claim's holder: only this token renews or releases it. */
  readonly token: string;
  /** When this claim's lease ends (if it is not renewed or released before). */
  readonly until: Date;
}

/**
 * Where a ledger keeps its entries: in memory ({@link createMemoryLedgerStore}), embedded PGlite
 * or PostgreSQL. The ledger holds every rule; a store only keeps records, atomically.
 *
 * Rules an implementation must keep:
 * - At most one entry per key; `insert` of an existing key changes nothing and returns the stored one;
 *   a key that was pruned stays taken (its tombstone is returned).
 * - `update` runs `change` on the current entry with no other `update` of that entry in between,
 *   in any process (a row lock), and stores what it returns; a throw from `change` stores nothing.
 * - Attempt `providerReference`s are unique per provider.
 * - Entries in doubt are never deleted; `prune` deletes only the states the ledger marks deletable,
 *   and leaves a tombstone of each in the same write.
 * - `claimDue` never hands one entry to two callers while its lease lasts; only the claim's token
 *   renews or releases it.
 * - `watch` hears of every `update` that changed an entry's state, once it is committed.
 */
export interface LedgerStore {
  /**
   * Records a new entry with its attempts, unless the key exists or was pruned, or (with
   * `guardPayment`) another entry or tombstone of the same provider and payment blocks it — checked
   * and written atomically, so two instances inserting two references of one payment record one.
   */
  insert(entry: LedgerEntryRecord, options?: InsertOptions): Promise<InsertOutcome>;
  /** Entries matching `query`, with their attempts, the longest unchanged first. */
  list(query: StoreListQuery): Promise<LedgerEntryRecord[]>;
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
  /**
   * The due entries (see {@link DueQuery}) that no live claim holds, the longest waiting first
   * (by next check, else by last change). Claims nothing: for listing.
   */
  findDue(query: DueQuery): Promise<(EntryKey & { readonly state: EntryState })[]>;
  /**
   * Claims the first due entry (as {@link findDue} would list it) under `lease`, atomically: two
   * callers, in any process, never hold one entry at once. Resolves with it, or `undefined` when
   * no due entry is free. `query.limit` is ignored.
   */
  claimDue(query: DueQuery, lease: DueLease): Promise<(EntryKey & { readonly state: EntryState }) | undefined>;
  /** Extends the claim held by `lease.token` to `lease.until`; resolves false when that token no longer holds it. */
  renewDue(key: EntryKey, lease: DueLease): Promise<boolean>;
  /**
   * Entries whose outcome is still to hand to `onOutcome` (`outcomeDelivery.state` is `due` or
   * `in-progress`), the longest unchanged first, at most `limit`.
   */
  findOutcomesDue(limit: number): Promise<EntryKey[]>;
  /** Ends the claim of {@link claimDue} held by `token`; does nothing when another token holds it (or none). */
  releaseDue(key: EntryKey, token: string): Promise<void>;
  /**
   * Deletes final entries older than `before`, leaving a tombstone of each, and tombstones older
   * than `tombstonesBefore` (see {@link PruneOptions}); resolves with how many entries.
   */
  prune(options: PruneOptions): Promise<number>;
  /**
   * Calls `listener` with the key of every entry whose state changed, in every process sharing the
   * store (PostgreSQL: LISTEN/NOTIFY on one connection of the pool; memory and PGlite: this
   * process), until the returned function is called.
   */
  watch(listener: (key: EntryKey) => void): Promise<StopWatching>;
  /** Releases what the store holds (a database, a lock file). Not a pool the caller passed in. */
  close(): Promise<void>;
}
