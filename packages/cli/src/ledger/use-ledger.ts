import type { Environment, ReversalProvider } from '@reversal/core';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import type { ParsedValues } from '../parse-command-args.js';
import { hideLocationSecrets } from './describe-location.js';
import { type LedgerLocation, ledgerLocation, type OpenableLocation } from './ledger-location.js';
import { type OpenLedger, type OpenStore, openLedger, openStore } from './open-ledger.js';

/** The ledger a command's options and environment name (`--ledger`, `--no-ledger`, `REVERSAL_LEDGER`). */
export function commandLedgerLocation(values: ParsedValues, env: Environment, io: CliIo): LedgerLocation {
  return ledgerLocation({
    option: values.ledger as string | undefined,
    off: values['no-ledger'] === true,
    env,
    processEnv: io.env ?? process.env,
    cwd: io.cwd ?? process.cwd(),
  });
}

/**
 * Opens the ledger, runs `work` with it and closes it. Whatever escapes (a database error naming
 * the connection, say) leaves without the ledger's password: it never reaches the output.
 */
export function withLedger<T>(
  location: OpenableLocation,
  providers: readonly ReversalProvider[],
  io: CliIo,
  work: (opened: OpenLedger) => Promise<T>,
): Promise<T> {
  return using(() => openLedger(location, providers, io), location, work);
}

/** As {@link withLedger}, with the store alone: no provider, nothing can be sent. */
export function withStore<T>(location: OpenableLocation, io: CliIo, work: (opened: OpenStore) => Promise<T>): Promise<T> {
  return using(() => openStore(location, io), location, work);
}

async function using<O extends OpenStore, T>(
  open: () => Promise<O>,
  location: OpenableLocation,
  work: (opened: O) => Promise<T>,
): Promise<T> {
  try {
    const opened = await open();
    try {
      return await work(opened);
    } finally {
      await opened.close();
    }
  } catch (error) {
    throw withoutSecrets(error, location);
  }
}

function withoutSecrets(error: unknown, location: LedgerLocation): unknown {
  const hide = (text: string) => hideLocationSecrets(text, location);
  if (error instanceof CliError) {
    const issues = error.issues.map((issue) => ({ ...issue, message: hide(issue.message) }));
    return new CliError(error.exit, hide(error.message), {
      ...(error.hint ? { hint: hide(error.hint) } : {}),
      issues,
      ...(error.data ? { data: error.data } : {}),
    });
  }
  if (error instanceof Error) error.message = hide(error.message);
  return error;
}
