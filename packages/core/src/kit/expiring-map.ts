/** Limits of an {@link ExpiringMap}. */
export interface ExpiringMapOptions {
  /** The oldest entry is dropped beyond this many. */
  readonly maxEntries: number;
  /** An entry is forgotten this long after it was set. */
  readonly ttlMs: number;
  /** The clock (for tests). */
  readonly now?: () => number;
}

/**
 * A map with a size limit and an expiry, for de-duplication sets, pending results and caches that
 * must not grow in a long-running server.
 */
export class ExpiringMap<K, V> {
  readonly #entries = new Map<K, { value: V; expiresAt: number }>();
  readonly #maxEntries: number;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(options: ExpiringMapOptions) {
    if (!(options.maxEntries >= 1) || !(options.ttlMs > 0)) {
      throw new RangeError('ExpiringMap needs maxEntries >= 1 and ttlMs > 0');
    }
    this.#maxEntries = options.maxEntries;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  /** The number of entries held, expired ones not yet swept included. */
  get size(): number {
    return this.#entries.size;
  }

  /** The value, unless absent or expired. */
  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** True when a live entry exists. */
  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  /** Sets (or renews) an entry, dropping expired entries and then the oldest beyond the limit. */
  set(key: K, value: V): this {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: this.#now() + this.#ttlMs });
    if (this.#entries.size > this.#maxEntries) this.#sweep();
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value as K;
      this.#entries.delete(oldest);
    }
    return this;
  }

  /** Removes an entry; true when there was one. */
  delete(key: K): boolean {
    return this.#entries.delete(key);
  }

  /** Removes every entry. */
  clear(): void {
    this.#entries.clear();
  }

  #sweep(): void {
    const now = this.#now();
    // Entries are in insertion order, which is expiry order: stop at the first live one.
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt > now) break;
      this.#entries.delete(key);
    }
  }
}
