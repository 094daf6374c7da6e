/** Runs one statement; both `pg` and PGlite fit. */
export interface SqlExecutor {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<{ rows: Row[] }>;
}

/** What the SQL store needs from a driver: statements, and a transaction on one connection. */
export interface SqlDriver extends SqlExecutor {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Change notifications across processes (PostgreSQL's LISTEN/NOTIFY); absent for a database only
   * this process opens (PGlite), where the store tells its own listeners.
   */
  readonly notifications?: SqlNotifications;
  /** Releases what the driver itself opened (not a pool the caller passed in). */
  close(): Promise<void>;
}

/** LISTEN/NOTIFY on one channel. */
export interface SqlNotifications {
  /** Queues a notification in the transaction `tx`: listeners hear of it once it commits. */
  notify(tx: SqlExecutor, payload: string): Promise<void>;
  /** Calls `listener` with every payload on the channel until the returned function is called. */
  listen(listener: (payload: string | undefined) => void): Promise<() => Promise<void>>;
}
