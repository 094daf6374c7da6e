import { userInfo } from 'node:os';
import type { Environment } from '@reversal/core';

/**
 * Who runs the command, for `reversal resolve` when `--by` is left out: the user name of the
 * operating system account (`os.userInfo()`), else `USER`, `LOGNAME` or `USERNAME`; `undefined`
 * when none is known (a container without a passwd entry), and `--by` is then required.
 */
export function operatorName(env: Environment): string | undefined {
  try {
    const name = userInfo().username;
    if (name) return name;
  } catch {
    // No passwd entry for this uid.
  }
  return env.USER || env.LOGNAME || env.USERNAME || undefined;
}
