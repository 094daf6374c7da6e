import { type Environment, ReversalConfigError, type ReversalProvider } from '@reversal/core';
import {
  deriveEntryState,
  ENTRY_STATES,
  type EntryState,
  entryResult,
  type LedgerEntry,
  type LedgerEntryRecord,
  type ListQuery,
} from '@reversal/ledger';
import { CliError, usageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { entriesCsv, entriesTable } from '../entries/format-entries.js';
import { ledgerExists } from '../ledger/open-ledger.js';
import { commandLedgerLocation, withLedger, withStore } from '../ledger/use-ledger.js';
import { type OptionTable, type ParsedValues, parseCommandArgs } from '../parse-command-args.js';
import { loadProviders, readCommandEnvironment } from '../provider-environment.js';
import { writeJson } from '../write-json.js';
import { entriesHelp } from './entries-help.js';

const OPTIONS = {
  state: { type: 'string' },
  'older-than': { type: 'string' },
  provider: { type: 'string' },
  'transaction-id': { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
  ledger: { type: 'string' },
  dotenv: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies OptionTable;

/**
 * `reversal entries`: lists the ledger's entries (by state, age, provider, payment) as a table,
 * one JSON document or CSV. It never sends: with a configured provider it reads through the
 * ledger of that provider, otherwise through the store alone (no provider object exists then).
 */
export async function entriesCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseCommandArgs('entries', args, OPTIONS);
  if (values.help) {
    io.stdout.write(entriesHelp());
    return 0;
  }
  if (values.json && values.csv) throw usageError('entries', 'Choose one of --json and --csv.');
  const now = new Date();
  const query = listQuery(values, now);
  const env = await readCommandEnvironment(io, values.dotenv as string | undefined);
  const location = commandLedgerLocation({ ...values, 'no-ledger': false }, env, io);
  if (location.kind === 'off') {
    throw new CliError('usage', 'entries needs a ledger: REVERSAL_LEDGER is "off".', {
      hint: 'Name it with --ledger <directory | postgres://…>.',
    });
  }
  if (!ledgerExists(location)) {
    // A read-only command creates no ledger: there is simply nothing recorded yet.
    const where = location.kind === 'pglite' ? location.directory : '';
    if (values.json) writeJson(io.stdout, { ledger: where, query: shownQuery(query), count: 0, more: false, entries: [] });
    else if (values.csv) io.stdout.write(entriesCsv([]));
    else io.stdout.write(`No ledger in ${where} yet: nothing was ever recorded there.\n`);
    return 0;
  }
  const provider = await configuredProvider(io, env);
  let where = '';
  let entries: LedgerEntry[];
  try {
    entries = provider
      ? await withLedger(location, [provider], io, async (opened) => {
          where = opened.where;
          return opened.ledger.list(query);
        })
      : await withStore(location, io, async (opened) => {
          where = opened.where;
          return (await opened.store.list({ ...query, limit: query.limit ?? 100 })).map(entryView);
        });
  } finally {
    await provider?.close?.();
  }
  const more = entries.length === query.limit;
  const moreNote = `Showing the first ${entries.length}, the longest unchanged first: raise --limit (at most 10000) or filter.`;
  if (values.json) {
    writeJson(io.stdout, { ledger: where, query: shownQuery(query), count: entries.length, more, entries });
  } else if (values.csv) {
    io.stdout.write(entriesCsv(entries));
    if (more) io.stderr.write(`${moreNote}\n`);
  } else {
    const count = entries.length === 0 ? 'no entries match.' : `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}`;
    const head = `Ledger ${where}: ${count}`;
    io.stdout.write(`${head}\n${entries.length > 0 ? `\n${entriesTable(entries, now)}` : ''}${more ? `\n${moreNote}\n` : ''}`);
  }
  return 0;
}

function shownQuery(query: ListQuery): object {
  return { ...query, updatedBefore: query.updatedBefore?.toISOString() };
}

function listQuery(values: ParsedValues, now: Date): ListQuery & { limit: number } {
  const states =
    typeof values.state === 'string'
      ? values.state
          .split(',')
          .map((state) => state.trim())
          .filter((state) => state !== '')
      : undefined;
  const unknownStates = states?.filter((state) => !ENTRY_STATES.includes(state as EntryState)) ?? [];
  if (unknownStates.length > 0) {
    throw usageError('entries', `Unknown state ${unknownStates.join(', ')}: the states are ${ENTRY_STATES.join(', ')}.`);
  }
  const olderThan = values['older-than'] === undefined ? undefined : Number(values['older-than']);
  if (olderThan !== undefined && !(olderThan >= 0 && olderThan <= 10 * 365 * 86_400)) {
    throw usageError('entries', '--older-than must be a number of seconds, 0 or more.');
  }
  const limit = Number(values.limit ?? 100);
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 10_000) {
    throw usageError('entries', '--limit must be a whole number from 1 to 10000.');
  }
  return {
    limit,
    ...(states ? { states: states as EntryState[] } : {}),
    ...(olderThan === undefined ? {} : { updatedBefore: new Date(now.getTime() - olderThan * 1000) }),
    ...(typeof values.provider === 'string' ? { provider: values.provider } : {}),
    ...(typeof values['transaction-id'] === 'string' ? { transactionId: values['transaction-id'] } : {}),
  };
}

/** The provider the environment configures, or `undefined` when it configures none (listing needs none). */
async function configuredProvider(io: CliIo, env: Environment): Promise<ReversalProvider | undefined> {
  if (!env.REVERSAL_PROVIDER) return undefined;
  try {
    return (await loadProviders(io)).fromEnv(env);
  } catch (error) {
    if (ReversalConfigError.isInstance(error)) return undefined;
    throw error;
  }
}

/** A stored record as the ledger hands entries out (its state derived afresh, its deciding result). */
function entryView(record: LedgerEntryRecord): LedgerEntry {
  const state = deriveEntryState(record);
  const result = entryResult(record);
  return { ...record, state, ...(result ? { result } : {}), doubleReversal: state === 'double-reversed' };
}
