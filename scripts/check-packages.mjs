#!/usr/bin/env node
// Packs every publishable package, installs the tarballs into a throwaway project outside the
// workspace, and loads each entry point with both `import` and `require`: what a user gets from
// the registry, not what the workspace links. Run after `pnpm build`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'reversal-pack-'));
const pnpm = process.env.PNPM ?? 'pnpm';

try {
  const packages = readdirSync(join(root, 'packages')).map((name) => {
    const dir = join(root, 'packages', name);
    return { dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) };
  }).filter(({ manifest }) => !manifest.private);

  const tarballs = packages.map(({ dir }) => {
    const output = execFileSync(pnpm, ['pack', '--pack-destination', work], { cwd: dir, encoding: 'utf8' });
    return join(work, output.trim().split('\n').at(-1).split('/').at(-1));
  });

  const project = join(work, 'project');
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'throwaway', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], { cwd: project, stdio: 'inherit' });

  const entries = packages.flatMap(({ manifest }) =>
    Object.keys(manifest.exports).filter((key) => key !== './package.json').map((key) => manifest.name + key.slice(1)),
  );
  for (const entry of entries) {
    const esm = `import(${JSON.stringify(entry)}).then((m) => { if (Object.keys(m).length === 0) throw new Error('no exports'); console.log('import  ok', ${JSON.stringify(entry)}, Object.keys(m).length, 'exports'); })`;
    const cjs = `const m = require(${JSON.stringify(entry)}); if (Object.keys(m).length === 0) throw new Error('no exports'); console.log('require ok', ${JSON.stringify(entry)}, Object.keys(m).length, 'exports');`;
    execFileSync(process.execPath, ['--input-type=module', '-e', esm], { cwd: project, stdio: 'inherit' });
    execFileSync(process.execPath, ['-e', cjs], { cwd: project, stdio: 'inherit' });
  }
  console.log(`${entries.length} entry points load with import and require from packed tarballs`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
