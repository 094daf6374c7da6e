import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { extractSnippets, readmePaths } from './extract-snippets.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
// Each README's blocks are written beside it, so that its package's own dependencies resolve.
const SCRATCH = '.readme-snippets';

/**
 * Every TypeScript block of every README type-checks as written, imports included, against the
 * packages' sources: a snippet a user copies must not fail with "createX is not defined". The
 * application's own objects (`app`, `orders`, `logger`) come from `prelude.d.ts`.
 *
 * Blocks marked `<!-- snippet: run -->` run offline against the simulators, as written (tsx, with
 * the workspace's path mapping): each must exit 0 by itself (so it closes what it starts) and print
 * what its `// prints: …` comments say, in that order. Blocks marked `<!-- snippet: test -->` are
 * vitest test files and must pass (`vitest.snippets.config.ts`).
 */
describe('README code blocks', () => {
  const snippets = readmePaths(root).flatMap((readme) => extractSnippets(root, readme));
  const scratches = [...new Set(snippets.map((snippet) => join(root, dirname(snippet.readme), SCRATCH)))];
  for (const scratch of scratches) {
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(scratch, { recursive: true });
  }
  const files = snippets.map((snippet, index) => {
    const name = `line-${snippet.line}-${index}${snippet.mode === 'test' ? '.test' : ''}.ts`;
    const file = join(root, dirname(snippet.readme), SCRATCH, name);
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

  const runnable = files.filter(({ snippet }) => snippet.mode === 'run');
  const tests = files.filter(({ snippet }) => snippet.mode === 'test');

  it('marks the sandbox snippets of the adapters to run', () => {
    const readmes = new Set(runnable.map(({ snippet }) => snippet.readme));
    expect([...readmes]).toEqual(expect.arrayContaining(['packages/safaricom-ke/README.md', 'packages/vodacom-mz/README.md']));
  });

  // One at a time: each starts simulators (RSA keys, servers) on a CPU other tests share.
  for (const { file, snippet } of runnable) {
    it(`runs ${snippet.readme}:${snippet.line}`, async () => {
      const outcome = await run(process.execPath, ['--import', 'tsx', file], { cwd: root, timeout: 60_000 }).then(
        ({ stdout, stderr }) => ({ exitCode: 0, stdout, stderr }),
        (error: { code?: number | string; stdout?: string; stderr?: string }) => ({
          exitCode: error.code ?? 'killed',
          stdout: error.stdout ?? '',
          stderr: error.stderr ?? '',
        }),
      );
      expect(outcome.exitCode, `${snippet.readme}:${snippet.line} failed:\n${outcome.stderr}`).toBe(0);
      const printed = outcome.stdout.split('\n').map((line) => line.trim());
      let from = 0;
      for (const expected of snippet.prints) {
        const at = printed.indexOf(expected, from);
        expect(at, `${snippet.readme}:${snippet.line} should print "${expected}"; it printed:\n${outcome.stdout}`).toBeGreaterThanOrEqual(0);
        from = at + 1;
      }
    }, 90_000);
  }

  it.skipIf(tests.length === 0)('passes the test snippets with vitest', async () => {
    const vitest = join(root, 'node_modules/vitest/vitest.mjs');
    const config = join(root, 'docs/snippets/vitest.snippets.config.ts');
    const outcome = await run(process.execPath, [vitest, 'run', '--config', config], {
      cwd: root,
      timeout: 120_000,
      env: { ...process.env, NO_COLOR: '1', CI: 'true' },
    }).then(
      ({ stdout }) => ({ exitCode: 0, stdout }),
      (error: { code?: number | string; stdout?: string; stderr?: string }) => ({
        exitCode: error.code ?? 'killed',
        stdout: `${error.stdout ?? ''}${error.stderr ?? ''}`,
      }),
    );
    expect(outcome.exitCode, outcome.stdout).toBe(0);
    const ran = Number(/Test Files\s+(\d+) passed/.exec(outcome.stdout)?.[1] ?? 0);
    expect(ran, outcome.stdout).toBe(tests.length);
  }, 150_000);
});
