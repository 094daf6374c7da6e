import type { AnyProviderDefinition } from '@reversal/core';
import { describeEnvironment } from '../provider-environment.js';

/** `reversal status --help`. */
export function statusHelp(definitions: readonly AnyProviderDefinition[]): string {
  return `Usage: reversal status --transaction-id <id> --reference <reference> [options]
       reversal status --result <file|->
       reversal status --reference <yours> [--ledger <directory | postgres://…>]

Asks the configured provider where a reversal stands (checkStatus): the way to settle a
"pending" or "unknown" reversal before deciding anything. Configuration as for
\`reversal reverse\`. Where the answer comes by callback (Safaricom Kenya's Transaction
Status), the command prints the reversal's status unchanged; with --wait it listens for the
answer, as \`reversal reverse --wait\` does. Providers without a status API say so and exit 2.

Options:
  --transaction-id <id>            The receipt of the payment that was to be reversed.
  --reference <reference>          The reference of the reversal request.
  --conversation-id <id>           The provider's conversation id, when you have it.
  --reversal-transaction-id <id>   The provider's receipt of the reversal, when you have it.
  --provider-request-id <id>       The id the provider knows the reversal request by (Kenya: its
                                   OriginatorConversationID; the result's providerRequestId).
  --ledger <dir|url>               With --reference alone: read the ledger's record (default
                                   REVERSAL_LEDGER, else the per-user ledger in
                                   $XDG_STATE_HOME/reversal/ledger or ~/.local/state/reversal/ledger)
                                   and ask the provider about its attempts in doubt; with --wait
                                   (Kenya), the answers are received here and recorded.
  --result <file|->                Read these from a result printed by \`reversal reverse --json\`
                                   (a file, or - for stdin); options given as well win.
  --wait                           Wait for a status answer that comes by callback (Kenya), on a
                                   local listener (as \`reverse --wait\`), up to --wait-timeout.
  --listen <[host:]port>           Where --wait listens (default: the port of the result URL).
  --wait-timeout <seconds>         How long --wait waits (default 60).
  --dotenv <file>                  Also read variables from this dotenv file (its values win).
  --json                           Print the result as one JSON document.
  -h, --help                       Show this help.

Environment variables:
${describeEnvironment(definitions)}

Exit codes: 0 succeeded, 1 refused (not reversed), 2 usage error (or no status API),
3 configuration error, 4 still unknown, 5 pending, 6 already reversed.

Examples:
  reversal status --transaction-id 5C1400CVRO --reference REFUND1042
  reversal reverse --transaction-id 5C1400CVRO --json > result.json; reversal status --result result.json
`;
}
