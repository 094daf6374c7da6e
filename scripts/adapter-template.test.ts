import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The command itself rather than runCli, whose other commands load every bundled adapter.
import { reverseCommand } from '../packages/cli/src/commands/reverse.js';
import { syncWorkspace } from './sync-workspace.mjs';

// Copies the template into a temporary workspace as a new adapter, the way its README says, and
// proves that nothing else needs a hand edit: offline, reusing the installed node_modules.
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const RENAMES: [RegExp, string][] = [
  [/adapter-template/g, 'zeta-pay'],
  [/acme-money/g, 'zeta-pay'],
  [/acmeMoney/g, 'zetaPay'],
  [/AcmeMoney/g, 'ZetaPay'],
  [/ACME_MONEY/g, 'ZETA_PAY'],
  [/Acme Money/g, 'Zeta Pay'],
];
const rename = (text: string) => RENAMES.reduce((renamed, [from, to]) => renamed.replace(from, to), text);
const GENERATED = ['tsconfig.json', 'packages/cli/package.json', 'bench/package.json'];

let workspace: string;
const read = (path: string) => readFileSync(join(workspace, path), 'utf8');
const run = (command: string, args: string[], cwd = workspace) => {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
};

/** Copies a directory's files, renamed, leaving out node_modules and dist. */
function copyRenamed(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const target = join(to, rename(entry.name));
    if (entry.isDirectory()) copyRenamed(join(from, entry.name), target);
    else writeFileSync(target, rename(readFileSync(join(from, entry.name), 'utf8')));
  }
}

beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'reversal-template-copy-'));
  for (const file of ['package.json', 'tsconfig.json', 'tsconfig.base.json', 'tsup.base.ts', 'vitest.workspace.ts', 'pnpm-workspace.yaml']) {
    cpSync(join(root, file), join(workspace, file));
  }
  cpSync(join(root, 'scripts'), join(workspace, 'scripts'), { recursive: true, filter: (source) => !source.endsWith('.test.ts') });
  for (const linked of ['node_modules', 'examples', 'demo', 'docs']) symlinkSync(join(root, linked), join(workspace, linked));
  mkdirSync(join(workspace, 'bench'));
  cpSync(join(root, 'bench/package.json'), join(workspace, 'bench/package.json'));
  // The packages as they are, the CLI and the sandbox as copies (their lists may change).
  for (const name of readdirSync(join(root, 'packages'))) {
    const source = join(root, 'packages', name);
    const target = join(workspace, 'packages', name);
    if (name === 'cli' || name === 'sandbox') {
      cpSync(source, target, { recursive: true, filter: (path) => !/[\\/](node_modules|dist)$/.test(path) });
      symlinkSync(join(source, 'node_modules'), join(target, 'node_modules'));
    } else {
      mkdirSync(join(workspace, 'packages'), { recursive: true });
      symlinkSync(source, target);
    }
  }

  // The README's steps: copy and rename the package and its simulator, publish it, export the simulator.
  const adapter = join(workspace, 'packages/zeta-pay');
  copyRenamed(join(root, 'packages/adapter-template'), adapter);
  symlinkSync(join(root, 'packages/adapter-template/node_modules'), join(adapter, 'node_modules'));
  writeFileSync(join(adapter, 'package.json'), read('packages/zeta-pay/package.json').replace('  "private": true,\n', ''));
  copyRenamed(join(root, 'packages/sandbox/src/acme-money'), join(workspace, 'packages/sandbox/src/zeta-pay'));
  const sandboxIndex = read('packages/sandbox/src/index.ts');
  const acmeBlock = sandboxIndex.slice(sandboxIndex.indexOf('// Acme Money'));
  writeFileSync(join(workspace, 'packages/sandbox/src/index.ts'), `${sandboxIndex}\n${rename(acmeBlock)}`);
  renameSync(join(adapter, 'README.md'), join(adapter, 'README.md.copy'));
  writeFileSync(join(adapter, 'README.md'), rename(readFileSync(join(root, 'packages/adapter-template/README.md'), 'utf8')));
  rmSync(join(adapter, 'README.md.copy'));
});

afterAll(() => {
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe('a copy of the adapter template', () => {
  it('needs only `pnpm sync:workspace` outside its package and the sandbox, and CI would say so', () => {
    const before = Object.fromEntries(GENERATED.map((path) => [path, read(path)]));
    const check = run(process.execPath, ['scripts/sync-workspace.mjs', '--check']);
    expect(check.status).toBe(1);
    expect(check.output).toContain('run `pnpm sync:workspace`');
    expect(syncWorkspace(workspace, { log: () => {} }).sort()).toEqual([...GENERATED].sort());
    expect(run(process.execPath, ['scripts/sync-workspace.mjs', '--check']).status).toBe(0);

    expect(JSON.parse(read('tsconfig.json')).compilerOptions.paths['@reversal/zeta-pay']).toEqual(['packages/zeta-pay/src/index.ts']);
    for (const path of ['packages/cli/package.json', 'bench/package.json']) {
      expect(JSON.parse(read(path)).dependencies['@reversal/zeta-pay']).toBe('workspace:^');
      // Only the new adapter was added; the rest of the file stays as written.
      const expected = JSON.parse(before[path]!);
      expected.dependencies['@reversal/zeta-pay'] = 'workspace:^';
      expect(JSON.parse(read(path))).toEqual(expected);
      expect(read(path).split('\n').length).toBe(before[path]!.split('\n').length + 1);
    }
  });

  it('type-checks', () => {
    writeFileSync(join(workspace, 'tsconfig.zeta-pay.json'), JSON.stringify({ extends: './tsconfig.json', include: ['packages/zeta-pay/src/**/*.ts'] }));
    const result = run(bin('tsc'), ['-p', 'tsconfig.zeta-pay.json', '--noEmit']);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it('builds', () => {
    const result = run(bin('tsup'), [], join(workspace, 'packages/zeta-pay'));
    expect(result.status, result.output).toBe(0);
    expect(readdirSync(join(workspace, 'packages/zeta-pay/dist')).sort()).toEqual(['index.cjs', 'index.d.cts', 'index.d.ts', 'index.js']);
  });

  it('passes its tests and the conformance suite, found as a vitest project with its simulator', () => {
    const result = run(bin('vitest'), ['run', '--config', 'vitest.workspace.ts', '--project', 'zeta-pay']);
    expect(result.status, result.output).toBe(0);
    expect(result.output).toMatch(/src\/conformance\.test\.ts \(\d+ tests \| \d+ skipped\)/);
    expect(result.output).toMatch(/Tests {2}\d+ passed \| \d+ skipped/);
  });

  it('has its README code table checked by `pnpm docs:tables --check`', () => {
    const result = run(bin('tsx'), ['scripts/generate-code-tables.ts', '--check']);
    expect(result.status, result.output).toBe(0);
    expect(result.output).toContain('up to date  packages/zeta-pay/README.md');
  });

  it('shows in the CLI’s provider list when the CLI runs in its package', async () => {
    let stdout = '';
    let stderr = '';
    const code = await reverseCommand(['--help'], {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: {},
      cwd: join(workspace, 'packages/zeta-pay'),
    });
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/REVERSAL_PROVIDER +zeta-pay/);
    expect(stdout).toContain('Zeta Pay (REVERSAL_PROVIDER=zeta-pay):');
    expect(stdout).toContain('ZETA_PAY_API_KEY');
  });
});
