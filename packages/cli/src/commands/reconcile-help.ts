/** `reversal reconcile --help`. */
export function reconcileHelp(): string {
  return `Usage: reversal reconcile [--ledger <directory | postgres://…>] [--older-than <seconds>] [--limit <n>]

Settles the reversals the ledger holds in doubt, through the provider's status check: attempts
whose sender stopped before the answer, pending past the provider's callback window, unknown, or
answered "duplicate"/"already reversed". Safe while other reconcilers run on the same database.
Providers without a status check are listed, never guessed.

Options:
  --ledger <dir|url>       The ledger: a directory (embedded PGlite) or a postgres:// URL;
                           default REVERSAL_LEDGER, else .reversal-ledger in this directory.
  --older-than <seconds>   Only entries unchanged for this long; default 300.
  --limit <n>              At most this many entries; default 100.
  --dotenv <file>          Also read variables from this dotenv file (its values win).
  --json                   Print the report as one JSON document.
  -h, --help               Show this help.

Exit codes: 0 nothing due is left in doubt, 4 some entries still are (listed),
2 usage error, 3 configuration error (the ledger is in use or unreachable).
`;
}
