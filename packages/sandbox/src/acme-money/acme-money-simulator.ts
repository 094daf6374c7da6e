import type { Simulator, SimulatorTransaction, SimulatorTransactionInput } from '../simulator.js';

/** How reversals of one payment are answered: with an Acme Money `code` instead of the ledger's, and/or late. */
export interface AcmeMoneyScenario {
  /** Answer every reversal of the payment with this code (`A003` insufficient funds, `A500` internal error, …). */
  readonly code?: string;
  /** Hold each answer this long (a slow API: lets a client time out). */
  readonly delayMs?: number;
}

/** A payment in the Acme Money simulator's ledger. */
export interface AcmeMoneyTransaction extends SimulatorTransaction {
  /** What was reversed so far, two decimals. */
  readonly reversed: string;
  /** What is left to reverse, two decimals. */
  readonly remaining: string;
  readonly scenario?: AcmeMoneyScenario;
}

/** What `addTransaction` takes; the id is `AM` and 8 digits, generated when left out. */
export type AcmeMoneyTransactionInput = SimulatorTransactionInput<AcmeMoneyScenario>;

/** One request the simulator received. */
export interface RecordedAcmeMoneyRequest {
  readonly method: string;
  readonly path: string;
  /** The parsed JSON body, when there was one. */
  readonly body?: unknown;
  /** Whether it carried the simulator's API key. */
  readonly authorized: boolean;
}

/** The options of `createAcmeMoneyProvider` that target the simulator. */
export interface AcmeMoneySimulatorProviderOptions {
  readonly apiKey: string;
  readonly baseUrl: string;
}

/** Options of `startAcmeMoneySimulator`. */
export interface AcmeMoneySimulatorOptions {
  /** The API key it accepts; default: a random one. */
  readonly apiKey?: string;
  /** The port to listen on (127.0.0.1); default 0, an ephemeral port. */
  readonly port?: number;
}

/** A running simulator of the (imaginary) Acme Money reversal API; see `startAcmeMoneySimulator`. */
export interface AcmeMoneySimulator
  extends Simulator<AcmeMoneyTransaction, AcmeMoneyTransactionInput, RecordedAcmeMoneyRequest, AcmeMoneySimulatorProviderOptions> {
  /** The API key it accepts. */
  readonly apiKey: string;
}
