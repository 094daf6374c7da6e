import type { Environment } from '@reversal/core';

/** Where a command writes text: `process.stdout`/`process.stderr` or anything with `write`. */
export interface TextOutput {
  write(text: string): unknown;
}

/** Where a command reads piped input (the password of `security-credential`). */
export interface TextInput extends AsyncIterable<string | Uint8Array> {
  /** True when the input is a terminal: the tool then prompts instead of reading to the end. */
  readonly isTTY?: boolean;
  /** Terminal raw mode, to read a password without echoing it. */
  setRawMode?(mode: boolean): unknown;
}

/**
 * The outside world of one run of the `reversal` command. `runCli` takes it so that the tool can
 * run in-process (tests, other tools); `bin.ts` passes the real process streams.
 */
export interface CliIo {
  /** Results and the requested output (a credential, JSON). */
  readonly stdout: TextOutput;
  /** Messages for the person at the terminal: errors, hints, progress. */
  readonly stderr: TextOutput;
  /** Piped input; default: nothing. */
  readonly stdin?: TextInput;
  /** The environment variables providers are configured from; default `process.env`. */
  readonly env?: Environment;
  /** The directory relative paths are resolved against; default `process.cwd()`. */
  readonly cwd?: string;
  /**
   * Aborted on SIGINT/SIGTERM: `sandbox` then shuts down cleanly, and a reversal in flight
   * resolves as `unknown` (it may have reached the provider).
   */
  readonly signal?: AbortSignal;
}
