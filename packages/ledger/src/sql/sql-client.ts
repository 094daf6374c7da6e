/** Runs one statement; both `pg` and PGlite fit. */
export interface SqlExecutor {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<{ rows: Row[] }>;
}

/** What the SQL store needs from a driver: statements, and a transaction on one connection. */
export interface SqlDriver extends SqlExecutor {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Releases what the driver itself opened (not a pool the caller passed in). */
  close(): Promise<void>;
}
