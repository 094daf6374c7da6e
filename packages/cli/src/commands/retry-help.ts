/** `reversal retry --help`. */
export function retryHelp(): string {
  return `Usage: reversal retry --reference <yours> [--wait [--listen <[host:]port>] [--wait-timeout <seconds>]]
                      [--ledger <directory | postgres://…>] [--dotenv <file>] [--json]

Sends a new attempt of a reversal the ledger holds under your reference, with the provider
configured by the environment (as for \`reversal reverse\`). The ledger allows it only when every
earlier attempt provably did nothing (never sent, or refused): when one may have reversed the
payment (unknown, pending, sending, needs-attention) or did, the retry is refused with why, and
nothing is sent. The new attempt is recorded before it is sent, under the same reference.

Options:
  --reference <reference>  Your reference of the reversal (required).
  --wait                   Callback providers (Kenya): receive the result callback here.
  --listen <[host:]port>   Where --wait listens; default: the port of the result URL when it
                           points at this machine (localhost, 127.0.0.1).
  --wait-timeout <seconds> How long --wait waits for the callback; default 60.
  --ledger <dir|url>       The ledger: a directory (embedded PGlite) or a postgres:// URL;
                           default REVERSAL_LEDGER, else the per-user ledger
                           ($XDG_STATE_HOME/reversal/ledger, else ~/.local/state/reversal/ledger).
  --dotenv <file>          Also read variables from this dotenv file (its values win).
  --json                   Print the entry as one JSON document.
  -h, --help               Show this help.

Exit codes: those of the entry, as for \`reversal reverse\` — 0 succeeded, 1 refused again (not
reversed), 4 unknown (do not resend), 5 pending, 6 already reversed, 7 reversed twice; a refused
retry exits with the code of the entry as it stands. 2 usage error (no such reference),
3 configuration error, 130 interrupted before anything was sent.

Examples:
  reversal retry --reference REFUND1042
  reversal retry --reference REFUND1042 --dotenv kenya.env --wait
`;
}
