import type { ReversalResult } from '@reversal/core';

/** A result as `--json` prints it: the library's result model, `status` first for readers. */
export function resultJson(result: ReversalResult): object {
  const { status, ...rest } = result;
  return { status, ...rest };
}
