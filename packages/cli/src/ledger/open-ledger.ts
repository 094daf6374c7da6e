import { resolve } from 'node:path';
import type { Environment, ReversalProvider } from '@reversal/core';
import { createLedger, createPgliteStore, createPostgresStore, type Ledger, LedgerError, type LedgerStore } from '@reversal/ledger';
import pg from 'pg';
import { CliError } from '../cli-error.js';

/** The ledger directory used when neither `--ledger` nor `REVERSAL_LEDGER` names one. */
export const DEFAULT_LEDGER_DIRECTORY = '.reversal-ledger';

/** Where the command keeps its ledger: a PGlite directory, a PostgreSQL URL, or none. */
export type LedgerLocation =
  | { readonly kind: 'pglite'; readonly directory: string }
  | { readonly kind: 'postgres'; readonly url: string }
  | { readonly kind: 'off' };

/**
 * Reads where the ledger is: `--no-ledger` (or `REVERSAL_LEDGER=off`) for none; `--ledger`, else
 * `REVERSAL_LEDGER`, as a `postgres://` URL or a directory (relative to `cwd`); else
 * `.reversal-ledger` in `cwd`.
 */
export function ledgerLocation(option: string | undefined, off: boolean, env: Environment, cwd: string): LedgerLocation {
  // An empty variable counts as unset, as shells leave it.
  const named = option ?? (env.REVERSAL_LEDGER || undefined);
  if (off || named === 'off') return { kind: 'off' };
  if (named !== undefined && /^postgres(ql)?:\/\//i.test(named)) return { kind: 'postgres', url: named };
  if (named === '') throw new CliError('usage', '--ledger is empty: give a directory or a postgres:// URL, or --no-ledger.');
  return { kind: 'pglite', directory: resolve(cwd, named ?? DEFAULT_LEDGER_DIRECTORY) };
}

/** Where a location is, for people: the directory, or the URL without its password. */
export function describeLocation(location: LedgerLocation): string {
  if (location.kind === 'pglite') return location.directory;
  if (location.kind === 'postgres') return location.url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
  return 'none';
}

/** An open ledger over the command's provider, and how to close it (store, pool). */
export interface OpenLedger {
  readonly ledger: Ledger;
  readonly where: string;
  close(): Promise<void>;
}

/**
 * Opens the ledger at `location` for `provider`. A directory another process holds, or a database
 * that cannot be reached, is a configuration error (exit 3) saying what to do; nothing is sent.
 */
export async function openLedger(location: Exclude<LedgerLocation, { kind: 'off' }>, provider: ReversalProvider): Promise<OpenLedger> {
  const where = describeLocation(location);
  let pool: pg.Pool | undefined;
  let store: LedgerStore;
  try {
    if (location.kind === 'pglite') store = await createPgliteStore({ directory: location.directory });
    else {
      pool = new pg.Pool({ connectionString: location.url, max: 2 });
      store = await createPostgresStore({ pool });
    }
  } catch (error) {
    await pool?.end().catch(() => {});
    throw ledgerOpenError(error, location, where);
  }
  return {
    ledger: createLedger({ store, provider }),
    where,
    async close() {
      await store.close();
      await pool?.end();
    },
  };
}

function ledgerOpenError(error: unknown, location: LedgerLocation, where: string): CliError {
  const hint = 'Name another ledger with --ledger <directory | postgres://…>, or run without one: --no-ledger.';
  if (LedgerError.isInstance(error, 'ERR_LEDGER_LOCKED')) {
    return new CliError('configuration', `The ledger ${where} is in use by another process (${error.message}). Nothing was sent.`, {
      hint: 'Wait for it to finish, or use PostgreSQL (--ledger postgres://…) for several processes at once.',
    });
  }
  const reason = error instanceof Error ? error.message.replace(location.kind === 'postgres' ? location.url : '\u0000', where) : String(error);
  return new CliError('configuration', `The ledger ${where} could not be opened: ${reason}. Nothing was sent.`, { hint });
}
