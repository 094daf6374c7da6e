import { randomBytes } from 'node:crypto';

/** A payment the simulator knows, which reversals draw on. */
export interface LedgerTransaction {
  readonly transactionId: string;
  /** The original amount, in minor units. */
  readonly amountMinor: bigint;
  /** The sum of the reversals applied so far, in minor units; never above `amountMinor`. */
  reversedMinor: bigint;
}

/** A reversal the simulator applied. */
export interface LedgerReversal {
  /** `input_ThirdPartyReference` of the reversal request. */
  readonly reference: string;
  readonly originalTransactionId: string;
  /** The amount reversed, in minor units. */
  readonly amountMinor: bigint;
  /** `output_ConversationID` answered for it. */
  readonly conversationId: string;
  /** `output_TransactionID` answered for it. */
  readonly reversalTransactionId: string;
}

/** Why {@link Ledger.applyReversal} refused. */
export type ReversalRefusal = 'unknown-transaction' | 'exceeds-remaining';

/** The simulator's books: payments and the reversals applied to them, bounded in size. */
export interface Ledger {
  addTransaction(transactionId: string, amountMinor: bigint): LedgerTransaction;
  getTransaction(transactionId: string): LedgerTransaction | undefined;
  /** The reversal with that reference, conversation id or reversal transaction id. */
  findReversal(queryReference: string): LedgerReversal | undefined;
  hasReference(reference: string): boolean;
  /**
   * Applies a reversal of `amountMinor` (or of everything that remains when absent). Refuses when
   * the total reversed would exceed the original amount, or nothing remains.
   */
  applyReversal(
    originalTransactionId: string,
    reference: string,
    amountMinor: bigint | undefined,
  ): { ok: true; reversal: LedgerReversal } | { ok: false; reason: ReversalRefusal };
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A transaction id in the style of M-Pesa receipts: 10 upper-case letters and digits. */
export function generateTransactionId(): string {
  return Array.from(randomBytes(10), (byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('');
}

/** Builds an empty ledger keeping at most `maxEntries` transactions and as many reversals (oldest dropped). */
export function createLedger(maxEntries: number): Ledger {
  const transactions = new Map<string, LedgerTransaction>();
  const reversals = new Map<string, LedgerReversal>();
  // Secondary keys (conversation id, reversal transaction id) → reference.
  const aliases = new Map<string, string>();

  const evictOldest = <V>(map: Map<string, V>, onEvict?: (value: V) => void) => {
    if (map.size < maxEntries) return;
    const [key, value] = map.entries().next().value as [string, V];
    map.delete(key);
    onEvict?.(value);
  };

  return {
    addTransaction(transactionId, amountMinor) {
      evictOldest(transactions);
      const transaction: LedgerTransaction = { transactionId, amountMinor, reversedMinor: 0n };
      transactions.set(transactionId, transaction);
      return transaction;
    },
    getTransaction: (transactionId) => transactions.get(transactionId),
    findReversal(queryReference) {
      return reversals.get(queryReference) ?? reversals.get(aliases.get(queryReference) ?? '');
    },
    hasReference: (reference) => reversals.has(reference),
    applyReversal(originalTransactionId, reference, amountMinor) {
      const transaction = transactions.get(originalTransactionId);
      if (!transaction) return { ok: false, reason: 'unknown-transaction' };
      const remaining = transaction.amountMinor - transaction.reversedMinor;
      const amount = amountMinor ?? remaining;
      if (amount <= 0n || amount > remaining) return { ok: false, reason: 'exceeds-remaining' };
      transaction.reversedMinor += amount;
      const reversal: LedgerReversal = {
        reference,
        originalTransactionId,
        amountMinor: amount,
        conversationId: randomBytes(16).toString('hex'),
        reversalTransactionId: generateTransactionId(),
      };
      evictOldest(reversals, (evicted) => {
        aliases.delete(evicted.conversationId);
        aliases.delete(evicted.reversalTransactionId);
      });
      reversals.set(reference, reversal);
      aliases.set(reversal.conversationId, reference);
      aliases.set(reversal.reversalTransactionId, reference);
      return { ok: true, reversal };
    },
  };
}
