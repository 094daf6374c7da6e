import type { IncomingHttpHeaders } from 'node:http';
import type { Simulator, SimulatorTransaction, SimulatorTransactionInput } from '../simulator.js';
import type { VodacomMzScenario } from './vodacom-mz-scenario.js';

/** How to start a {@link VodacomMzSimulator}; every field is optional. */
export interface VodacomMzSimulatorOptions {
  /** The API key the bearer token must carry; default a random 32-character hex key. */
  readonly apiKey?: string;
  /** `input_ServiceProviderCode` expected in requests; default `"171717"` (the documentation's). */
  readonly serviceProviderCode?: string;
  /** `input_InitiatorIdentifier` expected; default `"MPesa2018"` (the documentation's). */
  readonly initiatorIdentifier?: string;
  /** `input_SecurityCredential` expected; default `"Mpesa2019"` (the documentation's). */
  readonly securityCredential?: string;
  /**
   * Where to listen on 127.0.0.1: two ephemeral ports by default; `'standard'` for the real ports
   * (18354 reversal, 18353 status), for clients that cannot change them; or explicit ports.
   */
  readonly ports?: 'standard' | { readonly reversal: number; readonly status: number };
  /** The RSA key size; default 4096 like Vodacom's keys. 2048 generates faster. */
  readonly keyBits?: 2048 | 4096;
  /** How many payments, and how many reversals, the ledger keeps (oldest dropped); default 10,000. */
  readonly maxEntries?: number;
}

/** The options of `createVodacomMzProvider` that point it at the simulator. */
export interface VodacomMzSimulatorProviderOptions {
  readonly baseUrl: string;
  readonly reversalPort: number;
  readonly statusPort: number;
  readonly apiKey: string;
  readonly publicKey: string;
  readonly serviceProviderCode: string;
  readonly initiatorIdentifier: string;
  readonly securityCredential: string;
}

/** One request the simulator received (the last 200 are kept). */
export interface RecordedVodacomMzRequest {
  readonly operation: 'reversal' | 'status';
  readonly method: string | undefined;
  readonly path: string;
  /** The query-string parameters (status queries). */
  readonly query: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  /** The body parsed as JSON, or its text when it is not JSON; `undefined` when empty. */
  readonly body: unknown;
}

/** A payment in the simulator's ledger, amounts as two-decimal strings (MZN); a frozen snapshot. */
export interface VodacomMzTransaction extends SimulatorTransaction {
  readonly transactionId: string;
  readonly amount: string;
  /** The sum of the reversals applied. */
  readonly reversed: string;
  /** What can still be reversed. */
  readonly remaining: string;
}

/** What `VodacomMzSimulator.addTransaction` takes. */
export interface VodacomMzTransactionInput extends SimulatorTransactionInput<Omit<VodacomMzScenario, 'transactionId'>> {
  /** The payment's id; generated (10 upper-case letters and digits) when left out. */
  readonly transactionId?: string;
  /** The amount paid, in meticais: `100`, `"100"`, `"1000.00"`. */
  readonly amount: number | string;
  /**
   * How requests about this payment are answered: a {@link VodacomMzScenario} bound to its
   * `transactionId`, for every matching request unless `times` says otherwise (`addScenario` for more).
   */
  readonly scenario?: Omit<VodacomMzScenario, 'transactionId'>;
}

/** A running Vodacom Mozambique simulator; see `startVodacomMzSimulator`. */
export interface VodacomMzSimulator
  extends Simulator<VodacomMzTransaction, VodacomMzTransactionInput, RecordedVodacomMzRequest, VodacomMzSimulatorProviderOptions> {
  /** `http://127.0.0.1`: the host, without port (the adapter adds the per-API ports). */
  readonly baseUrl: string;
  /** The ports it listens on. */
  readonly ports: { readonly reversal: number; readonly status: number };
  /** The API key it accepts. */
  readonly apiKey: string;
  /** Its public key as Vodacom hands it out: base64 DER SubjectPublicKeyInfo, no PEM headers. */
  readonly publicKey: string;
  /** Its public key as PEM. */
  readonly publicKeyPem: string;
  readonly serviceProviderCode: string;
  readonly initiatorIdentifier: string;
  readonly securityCredential: string;
  /** Options for `createVodacomMzProvider` (from `@reversal/vodacom-mz`) that target this simulator. */
  readonly providerOptions: VodacomMzSimulatorProviderOptions;
  /** Environment variables for `registry.fromEnv()` that target this simulator (with `REVERSAL_PROVIDER`). */
  readonly environment: Readonly<Record<string, string>>;
  /** The last 200 requests received, oldest first. */
  requests(): readonly RecordedVodacomMzRequest[];
  /** Records a payment that can be reversed; returns its snapshot (the id generated unless given). */
  addTransaction(input: VodacomMzTransactionInput): VodacomMzTransaction;
  /** A payment of the ledger and how much of it was reversed, or `undefined` when unknown. */
  transaction(transactionId: string): VodacomMzTransaction | undefined;
  /** Scripts the answer to the matching request(s); see {@link VodacomMzScenario}. */
  addScenario(scenario: VodacomMzScenario): void;
  /** Drops every pending scenario. */
  clearScenarios(): void;
  /** Stops both servers, closing open connections and cancelling late answers still waiting. */
  close(): Promise<void>;
}
