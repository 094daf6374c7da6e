// The application's own objects that README snippets use without defining them, declared for the
// type-check of the snippets (docs/snippets/readme-snippets.test.ts). Nothing here is library code.
declare const app: {
  post(path: string, handler: (...args: never[]) => unknown): void;
  get(path: string, handler: (...args: never[]) => unknown): void;
};
declare const logger: { info(...values: unknown[]): void; warn(...values: unknown[]): void; error(...values: unknown[]): void };
declare const orders: {
  markRefunded(reference: string, details?: unknown): Promise<void>;
  markRefundFailed(reference: string, details?: unknown): Promise<void>;
  find(reference: string): Promise<{ id: string; receipt: string; total: string }>;
};
declare const order: { id: string; receipt: string; total: string };
/** The application's own reaction to a reversal (`@reversal/ledger` README). */
declare function markRefunded(reference: string): void;
declare function alertSupport(entry: unknown): void;
/** The application's provider options, as each adapter's README shows them. */
declare const kenyaOptions: import('@reversal/safaricom-ke').SafaricomKeOptions;
declare const mozambiqueOptions: import('@reversal/vodacom-mz').VodacomMzOptions;
