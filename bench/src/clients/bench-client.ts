import type { ClientSetup } from '../protocol.js';

/** One instance of a client under test (a provider, an SDK object, or the hand-written baseline). */
export interface BenchClient {
  /** Reverses the prepared transaction `id`; rejects unless the answer is the happy one. */
  reverse(id: string): Promise<void>;
  /** Releases connections. */
  close(): Promise<void>;
}

/**
 * Imports one of this repository's packages (`@reversal/…`): from the bench's own dependencies,
 * or, in a `--baseline` client process, from the other checkout's `packages/` directory.
 */
export type ImportPackage = <T>(name: string) => Promise<T>;

/** What each client module exports: a factory of fresh instances. */
export type OpenClient = (setup: ClientSetup, importPackage: ImportPackage) => Promise<BenchClient>;
