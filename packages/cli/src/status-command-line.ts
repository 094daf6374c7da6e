import type { StatusQuery } from '@reversal/core';
import { shellWord } from './shell-word.js';
import { STATUS_QUERY_FIELDS } from './status-query-of.js';

/** The `reversal status` option of each status query field. */
export const STATUS_QUERY_OPTIONS: Readonly<Record<(typeof STATUS_QUERY_FIELDS)[number], string>> = Object.freeze({
  originalTransactionId: '--transaction-id',
  reference: '--reference',
  providerRequestId: '--provider-request-id',
  conversationId: '--conversation-id',
  reversalTransactionId: '--reversal-transaction-id',
});

/** Where the command that printed the line read its configuration, to read it again. */
export interface CommandContext {
  /** The `--dotenv` file the command was given, passed on as given. */
  readonly dotenv?: string | undefined;
}

/**
 * The `reversal status` command line that looks up a reversal, ready to paste into a shell:
 * values are quoted when they hold anything but letters, digits and `_.:/-`, and control
 * characters (from a provider's answer) are replaced so none reaches the terminal.
 */
export function statusCommandLine(query: Partial<Record<keyof StatusQuery, string>>, context: CommandContext = {}): string {
  const parts = ['reversal status'];
  for (const field of STATUS_QUERY_FIELDS) {
    const value = query[field];
    if (value !== undefined && value !== '') parts.push(`${STATUS_QUERY_OPTIONS[field]} ${shellWord(value)}`);
  }
  if (context.dotenv !== undefined) parts.push(`--dotenv ${shellWord(context.dotenv)}`);
  return parts.join(' ');
}
