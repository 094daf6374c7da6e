import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { Environment } from '@reversal/core';
import { CliError } from '../cli-error.js';

/**
 * Where the location came from: `--ledger`, `REVERSAL_LEDGER` of the process environment or of the
 * `--dotenv` file, or the per-user default. Hints name the ledger accordingly (see `ledgerHint`).
 */
export type LedgerSource = 'option' | 'environment' | 'dotenv' | 'default';

/** Where the command keeps its ledger: a PGlite directory, a PostgreSQL URL, or none. */
export type LedgerLocation =
  | { readonly kind: 'pglite'; readonly directory: string; readonly source: LedgerSource; readonly given?: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly source: LedgerSource }
  | { readonly kind: 'off' };

/** A location with a ledger (not `--no-ledger`). */
export type OpenableLocation = Exclude<LedgerLocation, { kind: 'off' }>;

/**
 * The embedded ledger's directory when neither `--ledger` nor `REVERSAL_LEDGER` names one: one per
 * user, whatever the working directory, in the XDG state directory — `$XDG_STATE_HOME/reversal/ledger`,
 * else `~/.local/state/reversal/ledger`. A relative `XDG_STATE_HOME` is ignored, as the XDG
 * specification asks.
 */
export function defaultLedgerDirectory(env: Environment): string {
  const state = env.XDG_STATE_HOME;
  const base = state && isAbsolute(state) ? state : join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'reversal', 'ledger');
}

/** What {@link ledgerLocation} reads. */
export interface LocationInput {
  /** `--ledger`, when given. */
  readonly option: string | undefined;
  /** `--no-ledger`. */
  readonly off: boolean;
  /** The command's environment (the process's, with the `--dotenv` file's variables over it). */
  readonly env: Environment;
  /** The process environment alone, to tell a `REVERSAL_LEDGER` of the `--dotenv` file apart. */
  readonly processEnv: Environment;
  /** The directory a relative `--ledger` directory is resolved against. */
  readonly cwd: string;
}

/**
 * Reads where the ledger is: `--no-ledger` (or `REVERSAL_LEDGER=off`) for none; `--ledger`, else
 * `REVERSAL_LEDGER`, as a `postgres://` URL or a directory (relative to `cwd`); else the per-user
 * default directory ({@link defaultLedgerDirectory}).
 */
export function ledgerLocation(input: LocationInput): LedgerLocation {
  // An empty variable counts as unset, as shells leave it.
  const fromEnv = input.env.REVERSAL_LEDGER || undefined;
  const named = input.option ?? fromEnv;
  if (input.off || named === 'off') return { kind: 'off' };
  const source: LedgerSource =
    input.option !== undefined
      ? 'option'
      : fromEnv === undefined
        ? 'default'
        : fromEnv === input.processEnv.REVERSAL_LEDGER
          ? 'environment'
          : 'dotenv';
  if (named !== undefined && /^postgres(ql)?:\/\//i.test(named)) return { kind: 'postgres', url: named, source };
  if (named === '') throw new CliError('usage', '--ledger is empty: give a directory or a postgres:// URL, or --no-ledger.');
  if (named === undefined) return { kind: 'pglite', directory: defaultLedgerDirectory(input.env), source };
  return { kind: 'pglite', directory: resolve(input.cwd, named), source, given: named };
}
