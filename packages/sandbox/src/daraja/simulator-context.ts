import type { DarajaResultCode } from './daraja-scenario.js';
import type { DarajaCallbackKind } from './deliver-callback.js';
import type { Ledger } from './ledger.js';
import type { SimulatorKey } from './simulator-key.js';
import type { TokenStore } from './token-store.js';
import type { ReceivedReversalRequest } from './daraja-simulator.js';

/** The resolved options and mutable state a simulator's handlers share (internal). */
export interface SimulatorContext {
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly initiatorName: string;
  readonly initiatorPassword: string;
  readonly shortCode: string;
  readonly tokenLifetimeSeconds: number;
  readonly expiresInFormat: 'string' | 'number';
  readonly callbackDelayMs: number;
  readonly callbackTimeoutMs: number;
  readonly slowResponseMs: number;
  readonly amountMismatch: DarajaResultCode;
  readonly key: SimulatorKey;
  /** Decrypts a SecurityCredential (cached), `undefined` when it does not decrypt. */
  readonly decryptCredential: (credential: string) => string | undefined;
  readonly tokens: TokenStore;
  readonly ledger: Ledger;
  readonly stats: {
    oauthRequests: number;
    tokensIssued: number;
    reversalRequests: number;
    acknowledged: number;
    callbacksDelivered: number;
    callbackFailures: number;
  };
  /** Utility Account balance in cents. */
  utilityBalance: bigint;
  recordRequest(request: ReceivedReversalRequest): void;
  /** POSTs a callback after `callbackDelayMs`, recorded in the deliveries. */
  scheduleCallback(kind: DarajaCallbackKind, url: string, body: unknown): void;
  /** Resolves after `ms`, or at once when the simulator closes. */
  sleep(ms: number): Promise<void>;
}

const MAX_RECORDS = 1000;

/** Appends to a list, forgetting the oldest entries beyond 1,000. */
export function pushBounded<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > MAX_RECORDS) list.splice(0, list.length - MAX_RECORDS);
}
