import type { AnyProviderDefinition } from '@reversal/core';
import { describeEnvironment } from '../provider-environment.js';

/** `reversal reverse --help`. */
export function reverseHelp(definitions: readonly AnyProviderDefinition[]): string {
  return `Usage: reversal reverse --transaction-id <id> [--amount <amount>] [options]

Reverses one payment with the provider configured by the environment: REVERSAL_PROVIDER and
that provider's variables, read exactly as registry.fromEnv(process.env) reads them.

Options:
  --transaction-id <id>    The provider's receipt of the payment to reverse (required).
  --amount <amount>        Amount in major units, e.g. 200 or 200.00. Kenya: required, equal to
                           the payment. Mozambique: leave it out for a full reversal.
  --reference <reference>  Your reference, 1-20 letters and digits. With the ledger, the same
                           reference again sends nothing. Left out, one is generated, unless
                           the ledger already holds a reversal of this payment: then nothing is
                           sent and that reversal is named with its next step.
                           Resend an "unknown" reversal only with the SAME reference.
  --additional             A further partial reversal of a payment the ledger already holds a
                           reversal of (providers that reverse part of a payment; with --amount).
                           Without it, a second reversal of one payment is refused.
  --reason <text>          Free text for the provider (Kenya: Remarks, 2-100 characters).
  --wait                   Callback providers (Kenya): receive the result callback here and
                           print the outcome instead of "pending".
  --listen <[host:]port>   Where --wait listens; default: the port of the result URL when it
                           points at this machine (localhost, 127.0.0.1).
  --wait-timeout <seconds> How long --wait waits for the callback; default 60.
  --ledger <dir|url>       Record the reversal before sending, in this ledger: a directory
                           (embedded PGlite) or a postgres:// URL; default REVERSAL_LEDGER, else
                           the per-user ledger $XDG_STATE_HOME/reversal/ledger (else
                           ~/.local/state/reversal/ledger), created 0700 on first use.
  --no-ledger              Send without recording (REVERSAL_LEDGER=off does the same).
  --dotenv <file>          Also read variables from this dotenv file (its values win).
  --json                   Print the result as one JSON document (the library's result model).
  -h, --help               Show this help.

Environment variables:
${describeEnvironment(definitions)}

Exit codes: 0 succeeded, 1 refused (not reversed), 2 usage error, 3 configuration error,
4 unknown or duplicate (may have been applied: run the printed \`reversal status\`, do not resend),
5 pending (do not resend), 6 already reversed (by an earlier request; do not resend),
7 reversed twice (the ledger holds two successful attempts), 130 interrupted before anything was sent.

Examples:
  reversal reverse --transaction-id 5C1400CVRO --amount 40.00 --reference REFUND1042
  reversal reverse --dotenv kenya.env --transaction-id PDU91HIVIT --amount 200 --wait --json
`;
}
