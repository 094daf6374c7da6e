import { randomInt } from 'node:crypto';
import { fromMinorUnits, parseAmount, toMinorUnits } from '@reversal/core';
import type { AcmeMoneyScenario, AcmeMoneyTransaction, AcmeMoneyTransactionInput } from './acme-money-simulator.js';

// Bounded: a long-running sandbox forgets the oldest payments and reversals first.
const MAX_ENTRIES = 10_000;

/** One answer of the API: its HTTP status and JSON body. */
export interface AcmeMoneyAnswer {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
}

/** The HTTP status each code is answered with. */
const HTTP_STATUS: Readonly<Record<string, number>> = { A000: 200, A001: 404, A002: 409, A003: 402, A004: 422, A005: 400, A006: 404, A007: 409, A401: 401, A429: 429, A500: 500 };

/** An answer with `code` and its usual HTTP status. */
export function answer(code: string, message: string, fields: Record<string, unknown> = {}): AcmeMoneyAnswer {
  return { status: HTTP_STATUS[code] ?? 500, body: { code, message, ...fields } };
}

interface Entry {
  readonly transactionId: string;
  readonly amount: bigint;
  reversed: bigint;
  readonly scenario?: AcmeMoneyScenario;
}

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (map.size >= MAX_ENTRIES && !map.has(key)) map.delete(map.keys().next().value as K);
  map.set(key, value);
}

/** The payments and the reversal requests (by reference) of one simulator. */
export function createAcmeMoneyLedger() {
  const payments = new Map<string, Entry>();
  const reversals = new Map<string, { transactionId: string; answer: AcmeMoneyAnswer }>();
  const snapshot = (entry: Entry): AcmeMoneyTransaction =>
    Object.freeze({
      transactionId: entry.transactionId,
      amount: fromMinorUnits(entry.amount),
      reversed: fromMinorUnits(entry.reversed),
      remaining: fromMinorUnits(entry.amount - entry.reversed),
      ...(entry.scenario ? { scenario: entry.scenario } : {}),
    });

  return {
    add(input: AcmeMoneyTransactionInput): AcmeMoneyTransaction {
      const parsed = parseAmount(input.amount);
      if (!parsed.ok) throw new TypeError(`addTransaction: amount ${parsed.reason}`);
      const transactionId = input.transactionId ?? `AM${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
      const entry: Entry = { transactionId, amount: toMinorUnits(parsed.value), reversed: 0n, ...(input.scenario ? { scenario: input.scenario } : {}) };
      remember(payments, transactionId, entry);
      return snapshot(entry);
    },
    get(transactionId: string): AcmeMoneyTransaction | undefined {
      const entry = payments.get(transactionId);
      return entry && snapshot(entry);
    },
    scenario: (transactionId: string) => payments.get(transactionId)?.scenario,
    /** Reverses `amount` (or what is left) of a payment; the same reference answers the same again. */
    reverse(reference: string, transactionId: string, amount: string | undefined): AcmeMoneyAnswer {
      const earlier = reversals.get(reference);
      if (earlier) return earlier.transactionId === transactionId ? earlier.answer : answer('A007', 'The reference was already used for another payment.');
      const entry = payments.get(transactionId);
      const code = entry?.scenario?.code;
      let result: AcmeMoneyAnswer;
      if (!entry) result = answer('A001', 'No payment with this transaction id.');
      else if (code) result = answer(code, `Scenario ${code}.`);
      else if (entry.reversed === entry.amount) result = answer('A002', 'The payment is already reversed in full.');
      else {
        const minor = amount === undefined ? entry.amount - entry.reversed : toMinorUnits(amount);
        if (minor > entry.amount - entry.reversed) result = answer('A004', 'The amount is more than what is left of the payment.');
        else {
          entry.reversed += minor;
          const reversalId = `RV${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
          result = answer('A000', 'Reversed.', { reversalId, amount: fromMinorUnits(minor), remaining: fromMinorUnits(entry.amount - entry.reversed) });
        }
      }
      // Requests refused before they were recorded (A001, A005) leave no reversal behind: a status query answers A006.
      if (result.body.code !== 'A001') remember(reversals, reference, { transactionId, answer: result });
      return result;
    },
    status(reference: string): AcmeMoneyAnswer {
      return reversals.get(reference)?.answer ?? answer('A006', 'No reversal request with this reference.');
    },
  };
}
