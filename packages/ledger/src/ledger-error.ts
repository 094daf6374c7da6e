/**
 * The code of an error the ledger throws:
 *
 * - `ERR_LEDGER_CONFIG` – the ledger or store options are invalid; fix them and create it again.
 * - `ERR_LEDGER_CONFLICT` – the reference is already used for a different payment or amount.
 * - `ERR_LEDGER_PAYMENT_IN_USE` – another entry (`reference`, in `state`) is or may be reversing
 *   this payment; check it, or say `additional: true` for a further partial reversal.
 * - `ERR_LEDGER_PRUNED` – the reference was used before and its entry pruned for retention
 *   (`state` says how it ended); use a new reference for a new reversal.
 * - `ERR_LEDGER_STORE` – the store failed after the request was sent: it may have been applied;
 *   the attempt stays in doubt and the reconciler settles it. Do not send it again.
 * - `ERR_LEDGER_NOT_FOUND` – no entry has this reference.
 * - `ERR_LEDGER_NOT_RETRYABLE` – an earlier attempt may have reversed the payment; check its status.
 * - `ERR_LEDGER_NOT_RESOLVABLE` – the entry is not in doubt, so a person cannot settle it.
 * - `ERR_LEDGER_STORE_FULL` – the in-memory store holds its maximum of entries.
 * - `ERR_LEDGER_LOCKED` – another live process holds the PGlite data directory, or this process
 *   lost its lock (another took it over after its heartbeat stopped): it writes nothing more.
 * - `ERR_LEDGER_SCHEMA` – the database holds a newer ledger schema than this version knows.
 */
export type LedgerErrorCode =
  | 'ERR_LEDGER_CONFIG'
  | 'ERR_LEDGER_CONFLICT'
  | 'ERR_LEDGER_PAYMENT_IN_USE'
  | 'ERR_LEDGER_PRUNED'
  | 'ERR_LEDGER_STORE'
  | 'ERR_LEDGER_NOT_FOUND'
  | 'ERR_LEDGER_NOT_RETRYABLE'
  | 'ERR_LEDGER_NOT_RESOLVABLE'
  | 'ERR_LEDGER_STORE_FULL'
  | 'ERR_LEDGER_LOCKED'
  | 'ERR_LEDGER_SCHEMA';

const MARKER = Symbol.for('@reversal/ledger/LedgerError');

/**
 * Every error the ledger throws. Check with `LedgerError.isInstance(error)` (it works across two
 * installed copies of the package) and branch on `code`; the message says what to do next.
 */
export class LedgerError extends Error {
  /** What kind of error this is. */
  readonly code: LedgerErrorCode;
  /** The caller's reference of the entry concerned, when there is one. */
  readonly reference?: string;
  /** For `ERR_LEDGER_LOCKED`: the process id holding the data directory. */
  readonly holderPid?: number;
  /** For `ERR_LEDGER_PAYMENT_IN_USE` and `ERR_LEDGER_PRUNED`: the state of the entry concerned. */
  readonly state?: string;

  constructor(
    code: LedgerErrorCode,
    message: string,
    details: { reference?: string; holderPid?: number; state?: string; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'LedgerError';
    this.code = code;
    if (details.reference !== undefined) this.reference = details.reference;
    if (details.holderPid !== undefined) this.holderPid = details.holderPid;
    if (details.state !== undefined) this.state = details.state;
    Object.defineProperty(this, MARKER, { value: true });
  }

  /** True for any error thrown by any copy of `@reversal/ledger`; with `code`, for that kind only. */
  static isInstance(error: unknown, code?: LedgerErrorCode): error is LedgerError {
    return (
      typeof error === 'object' &&
      error !== null &&
      (error as Record<symbol, unknown>)[MARKER] === true &&
      (code === undefined || (error as LedgerError).code === code)
    );
  }
}
