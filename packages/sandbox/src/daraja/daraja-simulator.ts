import type { DarajaResultCode, DarajaScenario } from './daraja-scenario.js';
import type { CallbackSimulator, CallbackSimulatorOptions } from '../simulator.js';
import type { DarajaCallbackKind } from './deliver-callback.js';
import type { DarajaTransactionInput, DarajaTransaction } from './ledger.js';
import type { DarajaReversalBody } from './validate-reversal-body.js';
import type { DarajaStatusScenario } from './daraja-status-scenario.js';
import type { DarajaStatusBody } from './validate-status-body.js';

/** How a {@link DarajaSimulator} behaves; every option has a default. */
export interface DarajaSimulatorOptions extends CallbackSimulatorOptions<DarajaCallbackKind> {
  /** The app's consumer key; default `"simulator-consumer-key"`. */
  readonly consumerKey?: string;
  /** The app's consumer secret; default `"simulator-consumer-secret"`. */
  readonly consumerSecret?: string;
  /** The API user (`Initiator`); default `"simulator-initiator"`. */
  readonly initiatorName?: string;
  /** The API user's password, checked by decrypting each SecurityCredential; default `"Simulator#2024"`. */
  readonly initiatorPassword?: string;
  /** The organisation short code (`ReceiverParty`); default `"600992"`. */
  readonly shortCode?: string;
  /** Token lifetime in seconds; default 3599, as Daraja. */
  readonly tokenLifetimeSeconds?: number;
  /** `expires_in` as the string `"3599"` (real Daraja, the default) or a number (the docs). */
  readonly expiresInFormat?: 'string' | 'number';
  /** A new token invalidates the previous ones (reported of real Daraja, unverified); default false. */
  readonly singleActiveToken?: boolean;
  /** Delay before a callback is POSTed, in ms; default 10. */
  readonly callbackDelayMs?: number;
  /** How long a callback POST may take before it counts as failed, in ms; default 5000. */
  readonly callbackTimeoutMs?: number;
  /** How long the `slow-response` scenario holds the acknowledgement, in ms; default 3000. */
  readonly slowResponseMs?: number;
  /**
   * The failure callback for an `Amount` that differs from the original. Daraja does not document
   * its answer; by default `R000002` ("The OriginalTransactionID is invalid.").
   */
  readonly amountMismatch?: DarajaResultCode;
  /**
   * Whether the initiator holds the "Transaction Status query ORG API" role; default true. Without
   * it every Transaction Status query is answered by a `2001` result, as for a wrong credential.
   */
  readonly statusQueryRole?: boolean;
  /** When the `late-result` status scenario POSTs its result, in ms; default 3000. */
  readonly lateResultMs?: number;
  /**
   * The failed-query result for a receipt or originator conversation id the simulator does not know.
   * Daraja documents none; by default `R000002` ("The OriginalTransactionID is invalid.").
   */
  readonly statusNotFound?: DarajaResultCode;
  /** The Utility Account balance that funds reversals; default `"1000000.00"`. */
  readonly utilityBalance?: string;
  /** The port to listen on (127.0.0.1); default an ephemeral one. */
  readonly port?: number;
  /** The ledger's size limit (oldest transactions forgotten first); default 10,000. */
  readonly maxTransactions?: number;
}

/** Counters of what the simulator received and sent. */
export interface DarajaSimulatorStats {
  /** Requests to the OAuth endpoint, valid or not. */
  readonly oauthRequests: number;
  /** Tokens issued. */
  readonly tokensIssued: number;
  /** Requests to the reversal endpoint, valid or not. */
  readonly reversalRequests: number;
  /** Reversal requests acknowledged with `ResponseCode "0"`. */
  readonly acknowledged: number;
  /** Callbacks the receiver answered (any status). */
  readonly callbacksDelivered: number;
  /** Callbacks that could not be delivered (refused, timed out). */
  readonly callbackFailures: number;
  /** Requests to the Transaction Status endpoint, valid or not. */
  readonly statusQueries: number;
  /** Transaction Status queries acknowledged with `ResponseCode "0"`. */
  readonly statusAcknowledged: number;
}

/** One reversal request as the simulator received it, for assertions. */
export interface ReceivedReversalRequest {
  /** The JSON body as sent (SecurityCredential included: simulator data, not a real secret). */
  readonly body: unknown;
  /** The validated body, when it passed validation. */
  readonly validated?: DarajaReversalBody;
  /** True when the Initiator matched and the SecurityCredential decrypted to the password. */
  readonly credentialValid?: boolean;
  /** The bearer token it carried (simulator-issued, for asserting it never leaks). */
  readonly token?: string;
  /** The Daraja error code answered, or `"0"` for an acknowledgement. */
  readonly answer: string;
}

/** One Transaction Status query as the simulator received it, for assertions. */
export interface ReceivedStatusQuery {
  /** The JSON body as sent. */
  readonly body: unknown;
  /** The validated body, when it passed validation. */
  readonly validated?: DarajaStatusBody;
  /** True when the Initiator matched and the SecurityCredential decrypted to the password. */
  readonly credentialValid?: boolean;
  /** The bearer token it carried. */
  readonly token?: string;
  /** The Daraja error code answered, or `"0"` for an acknowledgement. */
  readonly answer: string;
}

/**
 * The options of `createSafaricomKeProvider` (from `@reversal/safaricom-ke`) that target a
 * simulator; add your own `resultUrl`.
 */
export interface DarajaSimulatorProviderOptions {
  readonly baseUrl: string;
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly initiatorName: string;
  readonly initiatorPassword: string;
  readonly certificate: string;
  readonly shortCode: string;
}

/**
 * A local Daraja: OAuth, the reversal and Transaction Status endpoints and their result callbacks,
 * over real HTTP on loopback.
 * Start it with `startDarajaSimulator`, point a client at `baseUrl` (or `providerOptions`),
 * `await close()`.
 */
export interface DarajaSimulator
  extends CallbackSimulator<
    Readonly<DarajaTransaction>,
    DarajaTransactionInput,
    ReceivedReversalRequest,
    DarajaSimulatorProviderOptions,
    DarajaCallbackKind
  > {
  /** The base URL (`http://127.0.0.1:<port>`). */
  readonly baseUrl: string;
  /** The certificate (PEM) to encrypt the initiator password with: the simulator's own key. */
  readonly certificatePem: string;
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly initiatorName: string;
  readonly initiatorPassword: string;
  readonly shortCode: string;
  /** The Utility Account balance left, two-decimal string. */
  readonly utilityBalance: string;
  /** Options for `createSafaricomKeProvider` that target this simulator (add `resultUrl`). */
  readonly providerOptions: DarajaSimulatorProviderOptions;
  /**
   * The same as environment variables for `registry.fromEnv()` (with `REVERSAL_PROVIDER`); add
   * `MPESA_KE_RESULT_URL`.
   */
  readonly environment: Readonly<Record<string, string>>;
  /** A snapshot of the counters. */
  readonly stats: DarajaSimulatorStats;
  /** Stops the server, drops pending callbacks and aborts those in flight. */
  close(): Promise<void>;
  /** Adds a C2B payment that can be reversed; returns a snapshot of it. */
  addTransaction(input: DarajaTransactionInput): Readonly<DarajaTransaction>;
  /** A snapshot of a transaction, or `undefined` when unknown (or forgotten). */
  transaction(transactionId: string): Readonly<DarajaTransaction> | undefined;
  /** Changes how reversals of a known transaction are answered. */
  setScenario(transactionId: string, scenario: DarajaScenario): void;
  /** Changes how Transaction Status queries about a known transaction (or its reversals) are answered. */
  setStatusScenario(transactionId: string, scenario: DarajaStatusScenario): void;
  /** Expires every issued token now, as if an hour had passed. */
  expireTokens(): void;
  /** The last reversal requests received (at most 1,000), oldest first. */
  requests(): readonly ReceivedReversalRequest[];
  /** The last Transaction Status queries received (at most 1,000), oldest first. */
  statusQueries(): readonly ReceivedStatusQuery[];
}
