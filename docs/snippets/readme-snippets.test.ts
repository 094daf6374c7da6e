import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { extractSnippets, readmePaths } from './extract-snippets.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Each README's blocks are written beside it, so that its package's own dependencies resolve.
const SCRATCH = '.readme-snippets';

/**
 * Every TypeScript block of every README type-checks as written, imports included, against the
 * packages' sources: a snippet a user copies must not fail with "createX is not defined". The
 * application's own objects (`app`, `orders`, `logger`) come from `prelude.d.ts`.
 */
describe('README code blocks', () => {
  const snippets = readmePaths(root).flatMap((readme) => extractSnippets(root, readme));
  const scratches = [...new Set(snippets.map((snippet) => join(root, dirname(snippet.readme), SCRATCH)))];
  for (const scratch of scratches) {
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(scratch, { recursive: true });
  }
  const files = snippets.map((snippet, index) => {
    const file = join(root, dirname(snippet.readme), SCRATCH, `line-${snippet.line}-${index}.ts`);
    // `export {}` makes every block a module, so that blocks of one README do not collide.
    writeFileSync(file, `${snippet.code}\nexport {};\n`);
    return { file, snippet };
  });
  afterAll(() => {
    for (const scratch of scratches) rmSync(scratch, { recursive: true, force: true });
  });

  it('finds the READMEs and their blocks', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it('type-check as written', () => {
    const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    if (!config) throw new Error('tsconfig.json could not be read');
    const program = ts.createProgram({
      rootNames: [...files.map(({ file }) => file), join(root, 'docs/snippets/prelude.d.ts')],
      options: { ...config.options, noEmit: true, noUnusedLocals: false },
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .flatMap((diagnostic) => {
        const owner = files.find(({ file }) => file === diagnostic.file?.fileName)?.snippet;
        return owner ? [{ diagnostic, owner }] : [];
      })
      .map(({ diagnostic, owner }) => {
        const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
        return `${owner.readme}:${owner.line + 1 + line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
      });
    expect(problems, `README snippets that do not type-check:\n${problems.join('\n')}`).toEqual([]);
  }, 120_000);
});
