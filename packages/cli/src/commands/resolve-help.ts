/** `reversal resolve --help`. */
export function resolveHelp(): string {
  return `Usage: reversal resolve --reference <yours> --outcome reversed|not-reversed --note <text> [--by <who>]
                        [--ledger <directory | postgres://…>] [--dotenv <file>] [--json]

Records what a person established about a reversal in doubt (unknown or needs-attention), after
asking the provider (its portal, its support): the payment was reversed, or it was not. The
ledger keeps the outcome, the note and who settled it; a later status answer that the payment
was reversed still wins over "not-reversed". Nothing is sent to the provider. Entries that are not
in doubt are refused.

The provider configured by the environment (REVERSAL_PROVIDER, as for \`reversal reverse\`)
says whose entry it is; nothing is sent with it.

Options:
  --reference <reference>  Your reference of the reversal (required).
  --outcome <outcome>      reversed | not-reversed: what you established (required).
  --note <text>            Why, on what evidence, 1-500 characters (required), e.g.
                           "M-Pesa portal: reversal receipt QK81XYZ on 2026-11-22".
  --by <who>               Who settled it; default: your user name on this machine.
  --ledger <dir|url>       The ledger: a directory (embedded PGlite) or a postgres:// URL;
                           default REVERSAL_LEDGER, else the per-user ledger
                           ($XDG_STATE_HOME/reversal/ledger, else ~/.local/state/reversal/ledger).
  --dotenv <file>          Also read variables from this dotenv file (its values win).
  --json                   Print the entry as one JSON document.
  -h, --help               Show this help.

Exit codes: 0 resolved as reversed, 1 resolved as not reversed (those of the entry); 2 usage error
(no such reference, an entry not in doubt, a missing option), 3 configuration error.

Examples:
  reversal resolve --reference REFUND1042 --outcome reversed --note "Portal: receipt QK81XYZ"
  reversal resolve --reference REFUND1050 --outcome not-reversed --note "Support ticket 4471: never applied" --by amina
`;
}
