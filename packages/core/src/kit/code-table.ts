import type { ResultErrorCode } from '../result-error-code.js';
import type { ReversalStatus } from '../reversal-result.js';

/** What one provider code means in the normalised model. */
export interface CodeMapping {
  /** The status a result with this code gets. */
  readonly status: ReversalStatus;
  /** The normalised code; required for `failed` and `unknown`. */
  readonly code?: ResultErrorCode;
  /** Whether sending the same request again may help. */
  readonly retryable: boolean;
  /** What the provider says the code means (from its documentation). */
  readonly description: string;
  /** Why it is mapped this way, where that is a decision rather than a fact. */
  readonly why?: string;
}

/**
 * A provider's codes as data: code → {@link CodeMapping}. Every row has a test, and the docs'
 * code tables are generated from it.
 */
export type ProviderCodeTable = Readonly<Record<string, CodeMapping>>;

/** A code looked up in a {@link ProviderCodeTable}. */
export interface CodeLookup {
  /** The code as the provider sent it, as text (`0` → `"0"`). */
  readonly providerCode: string;
  readonly mapping: CodeMapping;
  /** False when the code is not in the table and `fallback` applied. */
  readonly known: boolean;
}

/**
 * Looks a provider code up; an unmapped code gets `fallback`, chosen deliberately by each caller
 * (a final callback with an unknown code is a failure, an unknown synchronous code may not be).
 */
export function lookupCode(table: ProviderCodeTable, providerCode: unknown, fallback: CodeMapping): CodeLookup {
  const text = providerCode === undefined || providerCode === null ? '' : String(providerCode).trim();
  const mapping = Object.hasOwn(table, text) ? table[text] : undefined;
  return mapping ? { providerCode: text, mapping, known: true } : { providerCode: text, mapping: fallback, known: false };
}

/**
 * A code table as its adapter's README shows it. Each adapter lists its tables in
 * `src/code-tables.ts` (`export const CODE_TABLES`), and `pnpm docs:tables` generates the README's
 * region between `<!-- codes:start -->` and `<!-- codes:end -->` from them.
 */
export interface DocumentedCodeTable {
  /** The exported name of the table, for the reader (`DARAJA_RESULT_CODES`). */
  readonly name: string;
  /** One sentence above the table. */
  readonly intro?: string;
  /** The table itself. */
  readonly table: ProviderCodeTable;
  /** The header of the description column (`"Meaning"`). */
  readonly describedAs: string;
  /** The row for a code outside the table (the adapter's fallback), if it has one. */
  readonly fallback?: { readonly label: string; readonly mapping: CodeMapping };
  /** List the `why` of rows whose mapping is a decision, under the table. */
  readonly reasons: boolean;
}
