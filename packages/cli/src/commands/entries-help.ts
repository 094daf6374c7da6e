import { ENTRY_STATES } from '@reversal/ledger';

/** `reversal entries --help`. */
export function entriesHelp(): string {
  return `Usage: reversal entries [--state <states>] [--older-than <seconds>] [--provider <id>]
                        [--transaction-id <id>] [--limit <n>] [--json | --csv]
                        [--ledger <directory | postgres://…>] [--dotenv <file>]

Lists the reversals the ledger holds, the longest unchanged first: your reference, the provider,
where each stands, the payment, the amount, the attempts. It reads the ledger only and never sends
anything; it needs no provider configuration (with REVERSAL_PROVIDER configured it reads through
that provider's ledger, otherwise through the store alone; either way every provider's entries
are listed unless --provider narrows them). An embedded ledger not created yet is not created:
there is nothing to list.

Options:
  --state <states>         Only entries in these states, comma-separated:
                           ${ENTRY_STATES.join(', ')}.
                           In doubt: --state sending,pending,unknown,needs-attention
  --older-than <seconds>   Only entries unchanged for at least this long.
  --provider <id>          Only this provider's entries (any id in the ledger, e.g. safaricom-ke).
  --transaction-id <id>    Only the entries reversing this payment.
  --limit <n>              At most this many; default 100, at most 10000.
  --json                   One JSON document: { ledger, query, count, more, entries } (every
                           attempt, answer and resolution of each entry).
  --csv                    CSV (RFC 4180, CRLF, a header row), one row per entry mapping your
                           reference to the provider's ids: provider_references (what each attempt
                           was sent as), conversation_ids, provider_request_ids,
                           reversal_transaction_id (the provider's receipt), with state, amount,
                           transaction, created/updated and resolution, note and who. Cells that
                           begin with = + - @, a tab or a carriage return are prefixed with ' so
                           that a spreadsheet shows them as text and never runs them as a formula
                           (CSV injection); strip it if you read the file by program.
  --ledger <dir|url>       The ledger: a directory (embedded PGlite) or a postgres:// URL;
                           default REVERSAL_LEDGER, else the per-user ledger
                           ($XDG_STATE_HOME/reversal/ledger, else ~/.local/state/reversal/ledger).
  --dotenv <file>          Also read variables from this dotenv file (its values win).
  -h, --help               Show this help.

Exit codes: 0 listed (even none), 2 usage error, 3 configuration error (the ledger is in use or
unreachable).

Examples:
  reversal entries --state unknown,needs-attention
  reversal entries --provider safaricom-ke --older-than 3600 --json
  reversal entries --limit 10000 --csv > reversals.csv
`;
}
