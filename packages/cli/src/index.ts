// The public surface of @reversal/cli, listed by name: run the `reversal` command in-process.
export type { CliIo, TextInput, TextOutput } from './cli-io.js';
export type { ExitCodeName } from './exit-codes.js';
export { EXIT_CODE_MEANINGS, EXIT_CODES } from './exit-codes.js';
export { runCli } from './run-cli.js';
