/** The messages the orchestrator exchanges with its child processes (IPC, one reply per request). */

/** Which country's API a client speaks. */
export type Country = 'ke' | 'mz';

/** The clients under test, one child process each. */
export const CLIENT_NAMES = ['ours-ke', 'base-ke', 'raw-ke', 'mpesa-api-ke', 'ours-mz', 'base-mz', 'raw-mz', 'paymentsds-mz'] as const;
export type ClientName = (typeof CLIENT_NAMES)[number];

/**
 * The bench client of each adapter package, with the simulator it talks to. An adapter the bench
 * discovers (cold import) without an entry here is reported as having no bench client.
 */
export const ADAPTER_CLIENTS: Readonly<Record<string, { readonly client: ClientName; readonly baseline: ClientName; readonly country: Country }>> = {
  '@reversal/safaricom-ke': { client: 'ours-ke', baseline: 'base-ke', country: 'ke' },
  '@reversal/vodacom-mz': { client: 'ours-mz', baseline: 'base-mz', country: 'mz' },
};

/** The clients that run the adapters of a `--baseline` checkout (only when one is given). */
export const BASELINE_CLIENTS: readonly ClientName[] = ['base-ke', 'base-mz'];

/**
 * The module of `src/clients/` a client runs: a baseline client runs the same module as this
 * checkout's adapter (`base-ke` → `ours-ke`), with the baseline's packages.
 */
export function clientModule(client: ClientName): string {
  return client.replace(/^base-/, 'ours-');
}

/** What a Kenya client needs to reach the Daraja simulator. */
export interface KenyaTarget {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly initiatorName: string;
  readonly initiatorPassword: string;
  /** The simulator's certificate (PEM), to encrypt the initiator password with. */
  readonly certificatePem: string;
  readonly shortCode: string;
  /** Where callbacks would go (never called: the bench's transactions have the `no-callback` scenario). */
  readonly resultUrl: string;
}

/** What a Mozambique client needs to reach the Vodacom simulator. */
export interface MozambiqueTarget {
  /** `http://127.0.0.1`. */
  readonly baseUrl: string;
  readonly reversalPort: number;
  readonly statusPort: number;
  readonly apiKey: string;
  /** Base64 DER SubjectPublicKeyInfo, as Vodacom hands it out. */
  readonly publicKey: string;
  /** base64(RSA-PKCS#1 v1.5(apiKey)), computed once, for `@paymentsds/mpesa`'s `accessToken` option. */
  readonly bearerToken: string;
  readonly serviceProviderCode: string;
  readonly initiatorIdentifier: string;
  readonly securityCredential: string;
}

/** Everything a client child is told at start. */
export interface ClientSetup {
  readonly ke: KenyaTarget;
  readonly mz: MozambiqueTarget;
  /**
   * A fresh process timing its first reversal: every client configures itself as a new
   * application would (`@paymentsds/mpesa` then computes its own token instead of taking one).
   */
  readonly fresh?: boolean;
}

/** One batch of reversals: indexes `start … start + count - 1` of a prepared run, `concurrency` at a time. */
export interface BatchRequest {
  /** The 3-letter prefix of the transaction ids the server prepared (`prefix + 7 digits`). */
  readonly prefix: string;
  readonly count: number;
  readonly concurrency: number;
}

/** What one batch cost the client process. */
export interface BatchResult {
  readonly count: number;
  readonly concurrency: number;
  readonly wallMs: number;
  /** `process.cpuUsage()` delta (user + system, all threads of the process), microseconds. */
  readonly cpuUserUs: number;
  readonly cpuSystemUs: number;
  readonly errors: number;
  readonly firstError?: string;
}

/** Requests to a client child. */
export type ClientCommand =
  | { readonly type: 'open' }
  | { readonly type: 'batch'; readonly batch: BatchRequest }
  | { readonly type: 'close' }
  | { readonly type: 'sample'; readonly prefix: string }
  | { readonly type: 'extra' };

/** Requests to the server child. */
export type ServerCommand =
  | { readonly type: 'prepare'; readonly country: Country; readonly prefix: string; readonly count: number }
  | { readonly type: 'stats' }
  | { readonly type: 'last-requests'; readonly country: Country; readonly count: number }
  | { readonly type: 'close' };

/** The server's counters, with its own CPU time, at one instant. */
export interface ServerStats {
  readonly oauthRequests: number;
  readonly keReversalRequests: number;
  readonly keAcknowledged: number;
  /** Callbacks the Daraja simulator sent or tried to send (none expected: `no-callback` transactions). */
  readonly keCallbacks: number;
  readonly cpuUs: number;
}

/** A transaction id of a prepared run: the prefix and the index on 7 digits (10 characters, like a receipt). */
export function transactionId(prefix: string, index: number): string {
  return `${prefix}${String(index).padStart(7, '0')}`;
}

/** Callback parsing rate in one way of receiving callbacks. */
export interface CallbackRateRow {
  readonly mode: string;
  readonly callbacks: number;
  readonly callbacksPerSecond: number;
  readonly cpuUsPerCallback: number;
}
