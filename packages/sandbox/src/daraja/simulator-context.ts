import type { DarajaResultCode } from './daraja-scenario.js';
import type { DarajaCallbackKind } from './deliver-callback.js';
import type { Ledger } from './ledger.js';
import type { ReversalRecords } from './reversal-records.js';
import type { ReceivedStatusQuery } from './daraja-simulator.js';
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
  /** Every accepted reversal request, for Transaction Status queries. */
  readonly reversals: ReversalRecords;
  /** Whether the initiator holds the "Transaction Status query ORG API" role. */
  readonly statusQueryRole: boolean;
  /** When the `late-result` status scenario POSTs its result, in ms. */
  readonly lateResultMs: number;
  /** The failed-query result for an id the simulator does not know. */
  readonly statusNotFound: DarajaResultCode;
  readonly stats: {
    oauthRequests: number;
    tokensIssued: number;
    reversalRequests: number;
    acknowledged: number;
    callbacksDelivered: number;
    callbackFailures: number;
    statusQueries: number;
    statusAcknowledged: number;
  };
  /** Utility Account balance in cents. */
  utilityBalance: bigint;
  recordRequest(request: ReceivedReversalRequest): void;
  recordStatusQuery(query: ReceivedStatusQuery): void;
  /**
   * POSTs a callback after `delayMs` (default `callbackDelayMs`), recorded in the deliveries; a
   * string body is sent as it is (a malformed result).
   */
  scheduleCallback(kind: DarajaCallbackKind, url: string, body: unknown, delayMs?: number): void;
  /** Resolves after `ms`, or at once when the simulator closes. */
  sleep(ms: number): Promise<void>;
}

const MAX_RECORDS = 1000;

/** Appends to a list, forgetting the oldest entries beyond 1,000. */
export function pushBounded<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > MAX_RECORDS) list.splice(0, list.length - MAX_RECORDS);
}
