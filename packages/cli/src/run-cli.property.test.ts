import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from './exit-codes.js';
import { runCli } from './run-cli.js';

const OPTIONS = [
  '--transaction-id', '--amount', '--reference', '--reason', '--wait', '--listen', '--wait-timeout', '--dotenv',
  '--json', '--help', '-h', '--result', '--conversation-id', '--environment', '--certificate', '--password',
  '--providers', '--mz-transaction', '--ke-transaction', '--mz-reversal-port', '--callback-delay', '--write-env',
];
const token = fc.oneof(fc.constantFrom(...OPTIONS), fc.string({ maxLength: 12 }), fc.constantFrom('-', '--', '=', '10', 'PDU91HIVIT'));
const args = fc.tuple(fc.constantFrom('reverse', 'status', 'security-credential', 'sandbox', 'help', 'x'), fc.array(token, { maxLength: 6 }));
const documented = new Set<number>(Object.values(EXIT_CODES));

describe('runCli with any arguments', () => {
  it('resolves to a documented exit code with a message, never throws, never prints internals', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'reversal-cli-property-'));
    const stopped = AbortSignal.abort();
    await fc.assert(
      fc.asyncProperty(args, async ([command, rest]) => {
        let stdout = '';
        let stderr = '';
        const code = await runCli([command, ...rest], {
          stdout: { write: (text: string) => (stdout += text) },
          stderr: { write: (text: string) => (stderr += text) },
          env: {},
          cwd,
          signal: stopped,
        });
        expect(documented.has(code)).toBe(true);
        expect(code).not.toBe(EXIT_CODES.internal);
        if (code !== 0) expect(stdout + stderr).not.toBe('');
        if (rest.includes('--json') && code !== 0 && stdout !== '') expect(() => JSON.parse(stdout)).not.toThrow();
        expect(stdout + stderr).not.toMatch(/undefined|\[object Object\]|\n +at /);
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
