import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findInstalledAdapters, moduleEntry } from './find-adapter-packages.js';
import { loadAdapters } from './load-adapters.js';

const base = mkdtempSync(join(tmpdir(), 'reversal-cli-adapters-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function writePackage(directory: string, manifest: Record<string, unknown>, entry?: string): void {
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, 'package.json'), JSON.stringify(manifest));
  if (entry !== undefined) writeFileSync(join(directory, 'index.js'), entry);
}

describe('findInstalledAdapters', () => {
  // project/ depends on @acme/tz (an adapter) and lodash-like (not one); node_modules/@reversal/
  // above it holds another adapter and a package that is not one.
  const workspace = join(base, 'found');
  const project = join(workspace, 'project');
  writePackage(project, { name: 'shop', dependencies: { '@acme/tz': '1', plain: '1' } });
  writePackage(join(project, 'node_modules/@acme/tz'), { name: '@acme/tz', reversal: { adapter: 'acmeTz' }, exports: { '.': { import: './dist/index.js', require: './dist/index.cjs' } } });
  writePackage(join(project, 'node_modules/plain'), { name: 'plain' });
  writePackage(join(workspace, 'node_modules/@reversal/zeta'), { name: '@reversal/zeta', reversal: { adapter: 'zeta' }, main: 'main.js' });
  writePackage(join(workspace, 'node_modules/@reversal/core'), { name: '@reversal/core' });

  it('finds the project’s own adapter dependencies and every adapter in node_modules/@reversal up the tree', () => {
    const found = findInstalledAdapters(join(project));
    expect(found.map(({ name, exportName, origin }) => [name, exportName, origin])).toEqual([
      ['@acme/tz', 'acmeTz', 'installed'],
      ['@reversal/zeta', 'zeta', 'installed'],
    ]);
    expect(found[0]!.specifier).toMatch(/node_modules\/@acme\/tz\/dist\/index\.js$/);
  });

  it('finds the project itself when it is an adapter (trying one you are writing)', () => {
    const own = join(base, 'own');
    writePackage(own, { name: '@reversal/own', reversal: { adapter: 'own' }, exports: './index.js' });
    expect(findInstalledAdapters(own).map((adapter) => adapter.name)).toEqual(['@reversal/own']);
  });

  it('reads the ES module entry of the usual package.json shapes', () => {
    expect(moduleEntry({ exports: { '.': { import: { types: './a.d.ts', default: './a.js' }, require: './a.cjs' } } })).toBe('./a.js');
    expect(moduleEntry({ exports: { import: './b.js', default: './b.cjs' } })).toBe('./b.js');
    expect(moduleEntry({ module: './c.mjs', main: './c.cjs' })).toBe('./c.mjs');
    expect(moduleEntry({})).toBe('index.js');
  });
});

describe('loadAdapters', () => {
  it('leaves out, with a warning each, a package that fails to load or exports no definition, and goes on', async () => {
    const project = join(base, 'broken');
    writePackage(project, { name: 'shop', dependencies: { '@x/throws': '1', '@x/empty': '1' } });
    writePackage(join(project, 'node_modules/@x/throws'), { name: '@x/throws', reversal: { adapter: 'x' }, type: 'module', main: 'index.js' }, "throw new Error('broken on import');");
    writePackage(join(project, 'node_modules/@x/empty'), { name: '@x/empty', reversal: { adapter: 'missing' }, type: 'module', main: 'index.js' }, 'export const other = 1;');
    const { adapters, problems } = await loadAdapters(project);
    expect(adapters.filter((adapter) => adapter.origin === 'installed')).toEqual([]);
    expect(problems).toEqual([
      expect.stringMatching(/^@x\/throws \(installed\) could not be loaded, so its provider is not available: broken on import/),
      '@x/empty names "missing" in package.json "reversal.adapter", but exports no provider definition by that name; it is left out.',
    ]);
  });
});
