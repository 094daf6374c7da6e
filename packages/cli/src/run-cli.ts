import packageJson from '../package.json' with { type: 'json' };
import { usageError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { entriesCommand } from './commands/entries.js';
import { reconcileCommand } from './commands/reconcile.js';
import { resolveCommand } from './commands/resolve.js';
import { retryCommand } from './commands/retry.js';
import { reverseCommand } from './commands/reverse.js';
import { sandboxCommand } from './commands/sandbox.js';
import { securityCredentialCommand } from './commands/security-credential.js';
import { statusCommand } from './commands/status.js';
import { EXIT_CODE_MEANINGS, EXIT_CODES, type ExitCodeName } from './exit-codes.js';
import { reportError } from './report-error.js';

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

/** The commands, with the one line `reversal --help` shows for each. */
const COMMANDS: Readonly<Record<string, { readonly run: Command; readonly summary: string }>> = {
  reverse: { run: reverseCommand, summary: 'Reverse a payment with the provider configured in the environment' },
  status: { run: statusCommand, summary: 'Ask the provider where a reversal stands (settles "unknown"), or read the ledger' },
  reconcile: { run: reconcileCommand, summary: 'Settle the reversals the ledger holds in doubt, through status checks; list what is left' },
  entries: { run: entriesCommand, summary: "List the ledger's reversals by state, age, provider (a table, --json or --csv)" },
  retry: { run: retryCommand, summary: 'Send a new attempt of a reversal whose attempts provably did nothing' },
  resolve: { run: resolveCommand, summary: 'Record what a person established about a reversal in doubt (reversed or not)' },
  'security-credential': {
    run: securityCredentialCommand,
    summary: 'Compute a Daraja SecurityCredential from a password and a certificate',
  },
  sandbox: { run: sandboxCommand, summary: 'Run the Daraja and Vodacom Mozambique simulators until Ctrl-C' },
};

/**
 * Runs the `reversal` command with `args` (without `node` and the script) and resolves to its
 * exit code; it never rejects and never calls `process.exit`. Human-readable output by default,
 * one JSON document on stdout with `--json` (errors included). See {@link EXIT_CODES}.
 *
 * @example
 * import { runCli } from '@reversal/cli';
 * const exitCode = await runCli(['status', '--transaction-id', 'PAY1', '--reference', 'R1', '--json'], {
 *   stdout: process.stdout,
 *   stderr: process.stderr,
 *   env: { REVERSAL_PROVIDER: 'vodacom-mz', ...credentials },
 * });
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const json = args.includes('--json');
  const [name, ...rest] = args;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      // Without a command the help answers a usage error: it goes to stderr, exit 2.
      (name === undefined ? io.stderr : io.stdout).write(mainHelp());
      return name === undefined ? EXIT_CODES.usage : EXIT_CODES.ok;
    }
    if (name === '--version' || name === '-v') {
      io.stdout.write(`${packageJson.version}\n`);
      return EXIT_CODES.ok;
    }
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!command) {
      throw usageError(undefined, `Unknown command "${name}". The commands are ${Object.keys(COMMANDS).join(', ')}.`);
    }
    return await command.run(rest, io);
  } catch (error) {
    return reportError(error, io, json);
  }
}

function mainHelp(): string {
  const commands = Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(21)} ${summary}`);
  const codes = (Object.keys(EXIT_CODES) as ExitCodeName[]).map(
    (name) => `  ${String(EXIT_CODES[name]).padStart(3)}  ${wrap(EXIT_CODE_MEANINGS[name], 92).join(`\n${' '.repeat(7)}`)}`,
  );
  return `reversal ${packageJson.version}: reverse mobile-money payments (M-Pesa Kenya, Vodacom Mozambique).

Usage: reversal <command> [options]

Commands:
${commands.join('\n')}

Run \`reversal <command> --help\` for its options and environment variables.
Add --json to any command for one JSON document on stdout (errors included).

The ledger: \`reverse\` records every reversal before sending it, so that a reference is reversed
once. By default it is embedded PostgreSQL in one directory per user, whatever the working
directory: $XDG_STATE_HOME/reversal/ledger, else ~/.local/state/reversal/ledger (created 0700 on
first use, its files 0600). --ledger <directory | postgres://…> or REVERSAL_LEDGER names another;
--no-ledger (REVERSAL_LEDGER=off) sends without recording.

Exit codes:
${codes.join('\n')}
`;
}

/** Splits text into lines of at most `width` characters, at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}
