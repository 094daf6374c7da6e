import { KE_SCENARIOS, MZ_LATE_ANSWER_MS, MZ_NAMED_SCENARIOS } from '../sandbox/sandbox-scenarios.js';

/** `reversal sandbox --help`. */
export function sandboxHelp(): string {
  return `Usage: reversal sandbox [options]

Runs local simulators of Safaricom Daraja (Kenya) and Vodacom M-Pesa Mozambique on 127.0.0.1,
for your application's own end-to-end tests, until Ctrl-C (SIGINT) or SIGTERM. Prints the
endpoints, the environment variables that point the library (or \`reversal reverse\`) at them,
and the seeded transactions with their scenarios. No credentials needed.

Options:
  --providers <ids>            Comma-separated: safaricom-ke, vodacom-mz (default: both).
  --mz-reversal-port <port>    Mozambique Reversal API port (default: a free port).
  --mz-status-port <port>      Mozambique Query Transaction Status port (default: a free port).
  --mz-standard-ports          Use Vodacom's own ports, 18354 and 18353.
  --callback-delay <ms>        Delay before Daraja POSTs a result callback (default 10).
  --ke-transaction <spec>      Add a Kenya transaction, ID=AMOUNT[:SCENARIO]; repeatable.
  --mz-transaction <spec>      Add a Mozambique transaction, ID=AMOUNT[:SCENARIO]; repeatable.
  --result-url <url>           Your callback endpoint, printed as MPESA_KE_RESULT_URL.
  --write-env <dir>            Write <dir>/safaricom-ke.env and <dir>/vodacom-mz.env.
  --json                       Print the description as one JSON line, then nothing until exit.
  -h, --help                   Show this help.

Kenya scenarios: ${[...KE_SCENARIOS].join(', ')}.
Mozambique scenarios: ${Object.keys(MZ_NAMED_SCENARIOS).join(', ')}, or any INS-<n> code
(answered instead of processing); late answers after ${MZ_LATE_ANSWER_MS / 1000} s.
Each seeded transaction can be reversed once (Mozambique: up to its amount in parts).
A Kenya callback that cannot be delivered (no answer, or not 2xx) is printed on stderr with its
URL and the HTTP status or error; it is not sent again.

Exit codes: 0 stopped by a signal, 2 usage error, 3 a port in use.

Examples:
  reversal sandbox
  reversal sandbox --providers vodacom-mz --mz-standard-ports --mz-transaction ORDER42=250.00:INS-2006
  reversal sandbox --json --write-env .sandbox --result-url http://127.0.0.1:3000/mpesa/reversal
`;
}
