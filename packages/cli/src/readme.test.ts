import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { entriesHelp } from './commands/entries-help.js';
import { reconcileHelp } from './commands/reconcile-help.js';
import { resolveHelp } from './commands/resolve-help.js';
import { retryHelp } from './commands/retry-help.js';
import { reverseHelp } from './commands/reverse-help.js';
import { sandboxHelp } from './commands/sandbox-help.js';
import { securityCredentialHelp } from './commands/security-credential-help.js';
import { statusHelp } from './commands/status-help.js';
import { EXIT_CODE_MEANINGS, EXIT_CODES, type ExitCodeName } from './exit-codes.js';
import { OUTCOME_EXIT_CODES } from './result-exit-code.js';
import { KE_SEEDS, MZ_SEEDS } from './sandbox/sandbox-scenarios.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('the cli README follows the code', () => {
  it('has the exit-code table of the code: every code, in order, with its meaning', () => {
    const section = readme.slice(readme.indexOf('\n## Exit codes\n'));
    const table = section.split('\n').filter((line) => /^\| \d+ \| /.test(line));
    const expected = (Object.keys(EXIT_CODES) as ExitCodeName[]).map((name) => `| ${EXIT_CODES[name]} | ${EXIT_CODE_MEANINGS[name]} |`);
    expect(table, `README "## Exit codes" must list exactly:\n${expected.join('\n')}`).toEqual(expected);
  });

  it.each(Object.entries(OUTCOME_EXIT_CODES))('lists the exit code of the outcome %s in the reverse and status help', (_outcome, name) => {
    for (const help of [reverseHelp([]), statusHelp([])]) expect(help).toMatch(new RegExp(`[ \\n]${EXIT_CODES[name]} [a-z]`));
  });

  it.each([...KE_SEEDS, ...MZ_SEEDS])('lists the seeded transaction $transactionId ($scenario)', ({ transactionId, scenario }) => {
    expect(readme).toContain(`| \`${transactionId}\` | \`${scenario}\``);
  });

  it.each([
    ['reverse', reverseHelp([])],
    ['status', statusHelp([])],
    ['reconcile', reconcileHelp()],
    ['entries', entriesHelp()],
    ['retry', retryHelp()],
    ['resolve', resolveHelp()],
    ['security-credential', securityCredentialHelp()],
    ['sandbox', sandboxHelp()],
  ])('documents every option of %s in its README section', (command, help) => {
    const options = new Set(help.match(/^ {2}(--[a-z-]+)/gm)?.map((option) => option.trim()));
    expect(options.size).toBeGreaterThan(2);
    const start = readme.indexOf(`\n## \`reversal ${command}\``);
    expect(start, `README section "## \`reversal ${command}\`"`).toBeGreaterThan(0);
    const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
    for (const option of options) if (option !== '--help') expect(section, option).toContain(option);
  });

  it('lists every command of `reversal --help` in its table, linked to its section', () => {
    for (const command of ['reverse', 'status', 'reconcile', 'entries', 'retry', 'resolve', 'security-credential', 'sandbox']) {
      expect(readme).toContain(`| [\`reversal ${command}\`](#reversal-${command}) |`);
    }
  });
});
