import type { ReversalStatus } from '@reversal/core';
import { EXIT_CODES } from './exit-codes.js';

/** The exit code for a result: 0 succeeded, 1 failed, 4 unknown, 5 pending (see {@link EXIT_CODES}). */
export function resultExitCode(status: ReversalStatus): number {
  switch (status) {
    case 'succeeded':
      return EXIT_CODES.ok;
    case 'failed':
      return EXIT_CODES.failed;
    case 'unknown':
      return EXIT_CODES.unknown;
    case 'pending':
      return EXIT_CODES.pending;
  }
}
