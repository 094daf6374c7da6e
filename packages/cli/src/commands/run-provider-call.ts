import type { ReversalResult } from '@reversal/core';
import { CliError } from '../cli-error.js';

/**
 * Runs `reverse()` or `checkStatus()`. They reject only when nothing was sent: an invalid request
 * (`toCliError` turns it into a usage error naming options) or an abort before sending (Ctrl-C),
 * reported as interrupted. An abort after sending resolves `unknown` and is printed as a result.
 */
export async function runProviderCall(
  call: () => Promise<ReversalResult>,
  toCliError: (error: unknown) => CliError | undefined,
): Promise<ReversalResult> {
  try {
    return await call();
  } catch (error) {
    const known = toCliError(error);
    if (known) throw known;
    if (error instanceof Error && error.name === 'AbortError') {
      throw new CliError('interrupted', 'Interrupted before the request was sent: nothing was reversed.');
    }
    throw error;
  }
}
