import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INS_CODE_TABLE } from './codes/ins-codes.js';
import { VODACOM_MZ_ENVIRONMENT } from './environment.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('the README tables follow the data tables', () => {
  it.each(Object.entries(INS_CODE_TABLE))('documents %s as mapped', (code, mapping) => {
    const row = `| \`${code}\` | ${mapping.httpStatuses.join(' / ')} | ${mapping.description} | \`${mapping.status}\` | ${
      mapping.code ? `\`${mapping.code}\`` : '—'
    } | ${mapping.retryable ? 'yes' : 'no'} |`;
    expect(readme).toContain(row);
  });

  it('documents every environment variable with its option', () => {
    for (const [option, variable] of Object.entries(VODACOM_MZ_ENVIRONMENT)) {
      expect(readme).toContain(`| \`${variable.name}\` | \`${option}\` |`);
    }
  });
});
