import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reverseHelp } from './commands/reverse-help.js';
import { sandboxHelp } from './commands/sandbox-help.js';
import { securityCredentialHelp } from './commands/security-credential-help.js';
import { statusHelp } from './commands/status-help.js';
import { EXIT_CODES } from './exit-codes.js';
import { KE_SEEDS, MZ_SEEDS } from './sandbox/sandbox-scenarios.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('the cli README follows the code', () => {
  it.each(Object.entries(EXIT_CODES))('documents exit code %s (%i)', (_name, code) => {
    expect(readme).toMatch(new RegExp(`^\\| ${code} \\| `, 'm'));
  });

  it.each([...KE_SEEDS, ...MZ_SEEDS])('lists the seeded transaction $transactionId ($scenario)', ({ transactionId, scenario }) => {
    expect(readme).toContain(`| \`${transactionId}\` | \`${scenario}\``);
  });

  it.each([
    ['reverse', reverseHelp([])],
    ['status', statusHelp([])],
    ['security-credential', securityCredentialHelp()],
    ['sandbox', sandboxHelp()],
  ])('documents every option of %s', (_command, help) => {
    const options = new Set(help.match(/^ {2}(--[a-z-]+)/gm)?.map((option) => option.trim()));
    expect(options.size).toBeGreaterThan(2);
    for (const option of options) if (option !== '--help') expect(readme, option).toContain(option);
  });
});
