import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const project = fileURLToPath(new URL('../type-tests/tsconfig.json', import.meta.url));

describe('the request types under exactOptionalPropertyTypes', () => {
  it(
    'compile type-tests/*.test-d.ts: amount: string | undefined refused, the spread idiom and an undefined reference accepted',
    () => {
      const run = spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
      expect(`${run.stdout}${run.stderr}`.trim()).toBe('');
      expect(run.status).toBe(0);
    },
    120_000,
  );
});
