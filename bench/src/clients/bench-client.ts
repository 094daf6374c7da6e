import type { ClientSetup } from '../protocol.js';

/** One instance of a client under test (a provider, an SDK object, or the hand-written baseline). */
export interface BenchClient {
  /** Reverses the prepared transaction `id`; rejects unless the answer is the happy one. */
  reverse(id: string): Promise<void>;
  /** Releases connections. */
  close(): Promise<void>;
}

/** What each client module exports: a factory of fresh instances. */
export type OpenClient = (setup: ClientSetup) => Promise<BenchClient>;
