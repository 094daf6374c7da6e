import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCodeTableDocuments, REGION_END, REGION_START, renderRegion, replaceRegion } from '../../../scripts/code-tables.js';

// The adapter READMEs' code tables are generated from the adapters' code tables
// (`pnpm docs:tables`); this is the check that they were regenerated after a change.
const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

const documents = await loadCodeTableDocuments();

describe.each(documents)('the code tables of $readme', (document) => {
  const readme = read(document.readme);

  it('match the adapter’s tables (run `pnpm docs:tables` after changing them)', () => {
    expect(replaceRegion(readme, renderRegion(document), document.readme)).toBe(readme);
  });

  it('document every code of every table, with its status and normalised code', () => {
    for (const { name, table } of document.tables) {
      // A code may be in two tables of one README (Kenya's 2001: reversal and status): read the table's own rows.
      const section = readme.slice(Math.max(0, readme.indexOf(`**\`${name}\`**`)));
      for (const [code, mapping] of Object.entries(table)) {
        const row = section.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
        expect(row, code).toContain(`| \`${mapping.status}\` | ${mapping.code ? `\`${mapping.code}\`` : '—'} |`);
      }
    }
  });

  it('are caught drifting: an edited row no longer matches', () => {
    const [code, mapping] = Object.entries(document.tables[0]!.table)[1]!;
    const edited = readme.replace(`| \`${code}\` |`, `| \`${code}\` | ${mapping.retryable ? 'no' : 'yes'} |`);
    expect(edited).not.toBe(readme);
    expect(replaceRegion(edited, renderRegion(document), document.readme)).not.toBe(edited);
  });
});

describe('the generated region', () => {
  it('must be placed by hand: a README without markers is an error naming it', () => {
    expect(() => replaceRegion('# A README\n', 'tables', 'packages/x/README.md')).toThrow(
      `packages/x/README.md has no ${REGION_START} … ${REGION_END} region`,
    );
  });

  it('leaves the prose around it untouched', () => {
    const text = `before\n${REGION_START}\nold\n${REGION_END}\nafter\n`;
    expect(replaceRegion(text, 'NEW', 'README.md')).toBe('before\nNEW\nafter\n');
  });
});
