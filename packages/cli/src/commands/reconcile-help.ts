/** `reversal reconcile --help`. */
export function reconcileHelp(): string {
  return `Usage: reversal reconcile [--ledger <directory | postgres://…>] [--older-than <seconds>] [--limit <n>]
                          [--wait [--listen <[host:]port>] [--wait-timeout <seconds>]] [--dotenv <file>] [--json]

Settles the reversals the ledger holds in doubt, through the status check of the provider configured
by the environment: attempts whose sender stopped before the answer, pending past the provider's
callback window, unknown, or answered "duplicate"/"already reversed". Safe while other reconcilers
run on the same database. Then it lists EVERY entry of the ledger still in doubt — sending, pending,
unknown, needs-attention, of any provider — with why and the command that moves it on, and exits 4
while there is one: alert on it (a cron job, a CI step).

Where status answers come by callback (Safaricom Kenya), the query is acknowledged at once and the
answer POSTed to your result URL: your application records it if its callback handler has the
ledger; with --wait this command receives it itself, on a local listener (as \`reverse --wait\`),
records it, and waits up to --wait-timeout for the entries it asked about.

Options:
  --ledger <dir|url>       The ledger: a directory (embedded PGlite) or a postgres:// URL;
                           default REVERSAL_LEDGER, else the per-user ledger
                           ($XDG_STATE_HOME/reversal/ledger, else ~/.local/state/reversal/ledger).
  --older-than <seconds>   Only check entries unchanged for this long; default 300.
  --limit <n>              Check at most this many entries; default 100.
  --wait                   Callback providers (Kenya): receive the status answers here.
  --listen <[host:]port>   Where --wait listens; default: the port of the result URL when it
                           points at this machine (localhost, 127.0.0.1).
  --wait-timeout <seconds> How long --wait waits for the answers; default 60.
  --dotenv <file>          Also read variables from this dotenv file (its values win).
  --json                   Print the report as one JSON document (inDoubt: what is left).
  -h, --help               Show this help.

Exit codes: 0 nothing in the ledger is in doubt, 4 some entries are (listed, of any provider),
2 usage error, 3 configuration error (the ledger is in use or unreachable).
`;
}
