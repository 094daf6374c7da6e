import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startVodacomMzSimulator } from '@reversal/sandbox';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(`${root}README.md`, 'utf8');

/** Runs a TypeScript file the way `pnpm demo` does: tsx, with the workspace's path mapping. */
const runTs = (file: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) =>
  run(process.execPath, ['--import', 'tsx', file, ...args], { cwd: root, env: { ...process.env, ...env }, timeout: 60_000 });

describe('the README tells the truth', () => {
  it('shows exactly what `pnpm demo` prints, and the demo exits 0', async () => {
    const documented = /<!-- demo-output:start -->\n```text\n([\s\S]*?)```\n<!-- demo-output:end -->/.exec(readme)?.[1];
    expect(documented, 'README demo-output block').toBeDefined();
    const { stdout } = await runTs('demo/demo.ts');
    expect(stdout).toBe(documented);
  });

  it('quotes every example file verbatim', () => {
    const quoted = [...readme.matchAll(/<!-- readme-example:(\S+) -->\n```ts\n([\s\S]*?)```/g)];
    expect(quoted.length).toBeGreaterThanOrEqual(3);
    for (const [, file, code] of quoted) {
      expect(code, file).toBe(readFileSync(`${root}${file}`, 'utf8'));
    }
  });

  it('runs the configuration example against the Mozambique simulator, configured from the environment alone', async () => {
    const simulator = await startVodacomMzSimulator({ keyBits: 2048 });
    try {
      const payment = simulator.addTransaction({ amount: '120.00' }).transactionId;
      const { stdout } = await runTs('demo/readme/provider-from-env.ts', [payment, '120.00'], simulator.environment);
      expect(stdout.trim()).toBe('succeeded ORDER42');
    } finally {
      await simulator.close();
    }
  });
});
