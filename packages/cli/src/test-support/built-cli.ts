import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** packages/cli, and the packages the binary loads at run time (their dist/, not their sources). */
const CLI_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGES_ROOT = join(CLI_ROOT, '..');
const PACKAGES = [
  { name: 'core', output: 'dist/index.js' },
  { name: 'safaricom-ke', output: 'dist/index.js' },
  { name: 'vodacom-mz', output: 'dist/index.js' },
  { name: 'sandbox', output: 'dist/index.js' },
  { name: 'ledger', output: 'dist/index.js' },
  { name: 'cli', output: 'dist/bin.js' },
];

/** The built binary the tests run, as a user's `reversal` would. */
export const BIN = join(CLI_ROOT, 'dist/bin.js');

const LOCK = join(CLI_ROOT, 'node_modules/.cache/reversal-cli-build.lock');
const STALE_LOCK_MS = 10 * 60_000;

/**
 * Makes sure `dist/bin.js` and the dist of every workspace package it loads are built from the
 * current sources, building (with each package's own tsup config) those that are missing or
 * older than a source file. `pnpm build` before `pnpm test` makes this a no-op; a fresh clone's
 * `pnpm test` builds here. A lock directory keeps parallel test files from building at once.
 */
export async function ensureBuilt(): Promise<void> {
  for (;;) {
    try {
      mkdirSync(LOCK, { recursive: false });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        mkdirSync(join(LOCK, '..'), { recursive: true });
        continue;
      }
      if (Date.now() - statSync(LOCK, { throwIfNoEntry: false })!.mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { force: true, recursive: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    const stale = PACKAGES.filter(({ name, output }) => {
      const built = statSync(join(PACKAGES_ROOT, name, output), { throwIfNoEntry: false });
      return !built || built.mtimeMs < newestSource(join(PACKAGES_ROOT, name));
    });
    await Promise.all(stale.map(({ name }) => build(join(PACKAGES_ROOT, name))));
    for (const { name, output } of PACKAGES) {
      if (!statSync(join(PACKAGES_ROOT, name, output), { throwIfNoEntry: false })) {
        throw new Error(`Building packages/${name} did not produce ${output}`);
      }
    }
  } finally {
    rmSync(LOCK, { force: true, recursive: true });
  }
}

function newestSource(packageDir: string): number {
  let newest = Math.max(
    mtime(join(packageDir, 'package.json')),
    mtime(join(packageDir, 'tsup.config.ts')),
    mtime(join(PACKAGES_ROOT, '..', 'tsup.base.ts')),
  );
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (!/\.test(-d)?\.ts$/.test(entry.name)) newest = Math.max(newest, mtime(path));
    }
  };
  walk(join(packageDir, 'src'));
  return newest;
}

function mtime(path: string): number {
  return statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0;
}

function build(packageDir: string): Promise<void> {
  const tsup = createRequire(join(CLI_ROOT, 'package.json')).resolve('tsup/dist/cli-default.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsup], { cwd: packageDir, stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`Building ${packageDir} failed (tsup exit ${code}):\n${errors}`));
    });
  });
}
