import { parseAmount } from '@reversal/core';
import type { SimulatorTransaction, SimulatorTransactionInput } from '../simulator.js';
import type { DarajaScenario } from './daraja-scenario.js';
import type { DarajaStatusScenario } from './daraja-status-scenario.js';

/**
 * A C2B payment the Daraja simulator knows, and what happened to it. `addTransaction` and
 * `transaction(id)` return frozen snapshots of it.
 */
export interface DarajaTransaction extends SimulatorTransaction {
  /** The M-Pesa receipt of the payment (`PDU91HIVIT`). */
  readonly transactionId: string;
  /** The amount paid, canonical two-decimal string (`"200.00"`). */
  readonly amount: string;
  /** How reversal requests for it are answered. */
  scenario: DarajaScenario;
  /** How Transaction Status queries about it (or its reversals) are answered. */
  statusScenario: DarajaStatusScenario;
  /** When it was paid (added), shown as its `InitiatedTime`/`FinalisedTime` by a status query. */
  readonly paidAt: Date;
  /** The customer shown as `CreditPartyPublicName` on a reversal. */
  readonly customer: string;
  /** Reversal requests received for it. */
  attempts: number;
  /** The receipt of its reversal, once reversed (at most once). */
  reversalTransactionId?: string;
  /** True once an `expired-token` scenario has fired for it. */
  tokenExpiryFired?: boolean;
  /** True once an `expired-token` status scenario has fired for it. */
  statusTokenExpiryFired?: boolean;
}

/** What `DarajaSimulator.addTransaction` takes. */
export interface DarajaTransactionInput extends SimulatorTransactionInput<DarajaScenario> {
  /** The receipt; generated (10 upper-case letters and digits) when left out. */
  readonly transactionId?: string;
  /** The amount paid, in shillings: `200`, `"200"`, `"1.00"`. */
  readonly amount: number | string;
  /** How reversals of it are answered; `success` when left out (see `setScenario` to change it). */
  readonly scenario?: DarajaScenario;
  /** How Transaction Status queries about it are answered; `answer` (from the ledger) when left out. */
  readonly statusScenario?: DarajaStatusScenario;
  /** The customer's public name; default `"254700000000 - SIMULATED CUSTOMER"`. */
  readonly customer?: string;
}

/** The simulator's transactions, bounded: adding beyond `maxTransactions` forgets the oldest. */
export interface Ledger {
  add(input: DarajaTransactionInput): DarajaTransaction;
  get(transactionId: string): DarajaTransaction | undefined;
  readonly size: number;
}

const RECEIPT_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A random M-Pesa-like receipt: 10 upper-case letters and digits, starting with a letter. */
export function generateReceipt(): string {
  let receipt = RECEIPT_ALPHABET[Math.floor(Math.random() * 26)]!;
  while (receipt.length < 10) receipt += RECEIPT_ALPHABET[Math.floor(Math.random() * RECEIPT_ALPHABET.length)];
  return receipt;
}

/** Creates an empty ledger holding at most `maxTransactions` transactions. */
export function createLedger(maxTransactions: number): Ledger {
  const transactions = new Map<string, DarajaTransaction>();
  return {
    add(input) {
      const amount = parseAmount(input.amount);
      if (!amount.ok) throw new RangeError(`addTransaction: amount ${amount.reason}`);
      const transactionId = input.transactionId ?? generateReceipt();
      const transaction: DarajaTransaction = {
        transactionId,
        amount: amount.value,
        scenario: input.scenario ?? 'success',
        statusScenario: input.statusScenario ?? 'answer',
        paidAt: new Date(),
        customer: input.customer ?? '254700000000 - SIMULATED CUSTOMER',
        attempts: 0,
      };
      transactions.delete(transactionId);
      transactions.set(transactionId, transaction);
      while (transactions.size > maxTransactions) {
        transactions.delete(transactions.keys().next().value as string);
      }
      return transaction;
    },
    get: (transactionId) => transactions.get(transactionId),
    get size() {
      return transactions.size;
    },
  };
}
