#!/usr/bin/env node
// Checks what `npm publish` would ship, package by package: packs each publishable package with
// pnpm (workspace: ranges replaced, as on publish), then
//   1. the tarball holds only what a user needs: package.json, README, licence/changelog, and the
//      built JavaScript and declarations under dist/ — no sources, tests, fixtures or source maps —
//      and every file package.json points at (exports, main, types, bin, typesVersions) is in it;
//   1b. application-facing declarations (all entries but ./kit) import neither valibot nor the kit;
//   2. publint (strict: warnings count as errors) finds nothing;
//   3. @arethetypeswrong/cli finds no problem in any entry point, for node10, node16 (ESM and
//      CJS) and bundler resolution.
// Run after `pnpm build`; exits 1 when any package fails. Nothing leaves the machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'reversal-publish-'));
const attw = join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js');

// Files a user of the package needs; everything else in a tarball is a mistake.
const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  /^(LICEN[CS]E|CHANGELOG)(\.md)?$/,
  /^dist\/(?!.*\.test\.)[\w./-]+\.(js|cjs|mjs|d\.ts|d\.cts|d\.mts)$/,
];

// pnpm runs this script with npm_execpath set to itself; CI may not have pnpm on PATH.
function pnpm(args, cwd) {
  const execPath = process.env.npm_execpath;
  return execPath && /pnpm/.test(execPath)
    ? execFileSync(process.execPath, [execPath, ...args], { cwd, encoding: 'utf8' })
    : execFileSync('pnpm', args, { cwd, encoding: 'utf8' });
}

/** Every file path package.json points at. */
function referencedFiles(manifest) {
  const paths = [];
  const collect = (value) => {
    if (typeof value === 'string') paths.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(manifest.exports);
  for (const field of ['main', 'module', 'types', 'typings', 'bin', 'typesVersions']) collect(manifest[field]);
  return [...new Set(paths)].filter((path) => path.startsWith('./') || !path.includes('*')).map((path) => path.replace(/^\.\//, ''));
}

function checkContents(files, manifest) {
  const problems = [];
  for (const file of files) {
    if (!ALLOWED.some((pattern) => pattern.test(file))) problems.push(`ships ${file}, which a user does not need`);
  }
  if (!files.includes('README.md')) problems.push('has no README.md');
  for (const path of referencedFiles(manifest)) {
    if (path !== 'package.json' && !files.includes(path)) problems.push(`package.json points at ${path}, which is not in the tarball`);
  }
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith('workspace:')) problems.push(`${field}.${name} is still "${range}"`);
    }
  }
  return problems;
}

/**
 * Application-facing declarations (every entry but `./kit`, which is for adapter authors) must
 * not pull valibot's types into a user's compilation: follows each entry's relative imports.
 */
function checkDeclarations(dir, manifest) {
  const entries = Object.entries(manifest.exports ?? {})
    .filter(([subpath, target]) => subpath !== './kit' && typeof target === 'object')
    .map(([, target]) => target.import?.types)
    .filter(Boolean);
  const problems = [];
  const seen = new Set();
  const visit = (file, entry) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    if (/from ['"]valibot['"]|import\(['"]valibot['"]\)/.test(text)) {
      problems.push(`${entry} pulls valibot's types into applications (through ${file.slice(dir.length + 1)})`);
    }
    // The kit's declarations carry valibot (adapter specs hold option schemas): an application-facing
    // declaration must take shared types from the main entry instead.
    if (manifest.name !== '@reversal/core' && /from ['"]@reversal\/core\/kit['"]/.test(text)) {
      problems.push(`${entry} imports @reversal/core/kit, which pulls valibot's types into applications (through ${file.slice(dir.length + 1)})`);
    }
    for (const [, relative] of text.matchAll(/from ['"](\.\.?\/[^'"]+)['"]/g)) {
      visit(join(dirname(file), relative.replace(/\.js$/, '.d.ts')), entry);
    }
  };
  for (const entry of entries) visit(join(dir, entry), entry);
  return problems;
}

async function checkPublint(tarball) {
  const bytes = readFileSync(tarball);
  const { messages, pkg } = await publint({
    pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) },
    strict: true,
  });
  return messages.map((message) => `publint ${message.type} ${message.code}: ${formatMessage(message, pkg, { color: false })}`);
}

function checkAttw(tarball) {
  const args = [attw, tarball, '--no-definitely-typed', '--format', 'json'];
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    return [`attw did not run: ${run.stderr || run.stdout}`.trim()];
  }
  const problems = Object.values(report.problems ?? {}).flat();
  if (problems.length === 0) return [];
  // The table says which entry point fails under which resolution.
  const table = spawnSync(process.execPath, [attw, tarball, '--no-definitely-typed', '--format', 'ascii', '--no-color'], {
    encoding: 'utf8',
  });
  return [...problems.map((problem) => `attw ${problem.kind}: ${JSON.stringify(problem)}`), table.stdout];
}

let failed = 0;
try {
  const packages = readdirSync(join(root, 'packages'))
    .map((name) => join(root, 'packages', name))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private);
  if (!existsSync(attw)) throw new Error('@arethetypeswrong/cli is not installed: run pnpm install');

  for (const { dir, manifest } of packages) {
    if (!existsSync(join(dir, 'dist'))) {
      console.error(`✗ ${manifest.name}: no dist/ — run \`pnpm build\` first`);
      failed += 1;
      continue;
    }
    const tarball = pnpm(['pack', '--pack-destination', work], dir).trim().split('\n').at(-1);
    const path = tarball.startsWith('/') ? tarball : join(work, tarball.split('/').at(-1));
    const files = execFileSync('tar', ['-tzf', path], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((file) => file.replace(/^package\//, ''));
    const packed = JSON.parse(execFileSync('tar', ['-xzOf', path, 'package/package.json'], { encoding: 'utf8' }));
    const problems = [...checkContents(files, packed), ...checkDeclarations(dir, manifest), ...(await checkPublint(path)), ...checkAttw(path)];
    const size = `${files.length} files, ${(statSync(path).size / 1024).toFixed(1)} kB packed`;
    if (problems.length === 0) {
      console.log(`✓ ${manifest.name}: ${size}; publint and attw clean`);
    } else {
      failed += 1;
      console.error(`✗ ${manifest.name}: ${size}`);
      for (const problem of problems) console.error(`  - ${problem}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (failed > 0) {
  console.error(`${failed} package(s) would not publish cleanly`);
  process.exitCode = 1;
}
