import type { ReversalProvider } from '@reversal/core';
import type { Ledger, LedgerEntry } from '@reversal/ledger';
import type { CliIo } from '../cli-io.js';
import type { LedgerHint } from '../ledger/describe-location.js';
import { entryJson, formatEntry } from '../ledger/entry-output.js';
import { entryExitCode, entryNextStep } from '../ledger/format-entry.js';
import { writeJson } from '../write-json.js';
import type { CallbackListener } from './callback-listener.js';

/** What {@link reportSentEntry} prints about. */
export interface SentEntry {
  readonly entry: LedgerEntry;
  /** The reference was in the ledger already: nothing was sent. */
  readonly repeated: boolean;
  readonly ledger: Ledger;
  readonly where: string;
  readonly hint: LedgerHint;
  readonly provider: ReversalProvider;
  /** With `--wait` (callback providers): the listener the result callback comes to. */
  readonly listener: CallbackListener | undefined;
  readonly waitSeconds: number;
  readonly json: boolean;
  readonly io: CliIo;
  /** Printed before the next step (e.g. the reference generated for the request). */
  readonly lead?: string;
}

/**
 * The end of `reverse` and `retry` with the ledger: waits for the result callback of a pending
 * attempt when listening (the listener records it into the ledger), prints the entry with the next
 * step (or as one JSON document) and resolves with the entry's exit code.
 */
export async function reportSentEntry(sent: SentEntry): Promise<number> {
  let { entry } = sent;
  let waited = false;
  if (sent.listener && entry.state === 'pending') {
    const attempt = entry.attempts.at(-1)!;
    const result = await sent.listener.waitFor(attempt.providerReference, sent.waitSeconds * 1000, sent.io.signal);
    waited = result === undefined;
    entry = (await sent.ledger.get(entry.reference, { provider: entry.provider })) ?? entry;
  }
  if (sent.json) writeJson(sent.io.stdout, entryJson(entry, sent.where, sent.repeated));
  else {
    const { capabilities } = sent.provider;
    const nextStep = entryNextStep(entry, {
      repeated: sent.repeated,
      statusCheck: capabilities.statusCheck,
      statusByCallback: capabilities.statusDelivery === 'callback',
      ledger: sent.hint,
    });
    const waitedNote = waited ? `No result callback arrived within ${sent.waitSeconds} s. ` : '';
    sent.io.stdout.write(formatEntry(entry, sent.provider, sent.where, `${sent.lead ?? ''}${waitedNote}${nextStep}`));
  }
  return entryExitCode(entry);
}
