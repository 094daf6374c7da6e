/**
 * `pnpm sync:workspace`: rewrites the lists that configuration files cannot discover at run time
 * from `packages/<folder>/package.json`, so that adding a package needs no hand edit outside it:
 *
 * - `tsconfig.json` `compilerOptions.paths`: every export of every package → its TypeScript source;
 * - the dependencies of `packages/cli` and `bench` on the adapters: every published adapter
 *   (a package with `"reversal": { "adapter": … }` and without `"private": true`).
 *
 * `pnpm sync:workspace --check` writes nothing and exits 1, naming each file that is out of date
 * (CI runs it). After a rewrite of a `package.json`, run `pnpm install` to update the lockfile.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { listWorkspacePackages, REPOSITORY_ROOT } from './workspace-packages.mjs';

/** The packages whose dependencies on the published adapters are generated. */
export const ADAPTER_CONSUMERS = ['packages/cli/package.json', 'bench/package.json'];

/** `tsconfig.json` with its `paths` generated from the packages. */
export function syncTsconfig(text, packages, root) {
  const tsconfig = JSON.parse(text);
  const paths = {};
  for (const workspacePackage of packages) {
    for (const [specifier, source] of Object.entries(workspacePackage.entries)) {
      paths[specifier] = [source.slice(root.length).replace(/^[\\/]/, '').replaceAll('\\', '/')];
    }
  }
  tsconfig.compilerOptions.paths = paths;
  return `${JSON.stringify(tsconfig, null, 2)}\n`;
}

/**
 * A `package.json` whose `dependencies` hold every published adapter (`workspace:^`) and no other
 * adapter; its other dependencies, and the rest of the file as written, stay.
 */
export function syncAdapterDependencies(text, packages, path) {
  const manifest = JSON.parse(text);
  const adapters = new Set(packages.filter((p) => p.adapter !== undefined).map((p) => p.name));
  const published = packages.filter((p) => p.adapter !== undefined && !p.private).map((p) => p.name);
  const dependencies = Object.fromEntries(
    Object.entries(manifest.dependencies ?? {}).filter(([name]) => !adapters.has(name) || published.includes(name)),
  );
  for (const name of published) dependencies[name] ??= 'workspace:^';
  const sorted = Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => (a < b ? -1 : 1)));
  const block = JSON.stringify(sorted, null, 2).replaceAll('\n', '\n  ');
  const found = /\n {2}"dependencies": \{[^}]*\}/.exec(text);
  if (!found) throw new Error(`${path} has no "dependencies" object to keep the adapters in.`);
  return `${text.slice(0, found.index)}\n  "dependencies": ${block}${text.slice(found.index + found[0].length)}`;
}

/** Every generated file: its path from the root, and its text as it should be. */
export function expectedFiles(root = REPOSITORY_ROOT) {
  const packages = listWorkspacePackages(root);
  const read = (path) => readFileSync(join(root, path), 'utf8');
  return [
    { path: 'tsconfig.json', text: syncTsconfig(read('tsconfig.json'), packages, join(root, '.')) },
    ...ADAPTER_CONSUMERS.map((path) => ({ path, text: syncAdapterDependencies(read(path), packages, path) })),
  ];
}

/** Writes (or with `check`, only compares) the generated files; returns the paths out of date. */
export function syncWorkspace(root = REPOSITORY_ROOT, { check = false, log = console.log } = {}) {
  const stale = [];
  for (const { path, text } of expectedFiles(root)) {
    if (readFileSync(join(root, path), 'utf8') === text) continue;
    stale.push(path);
    if (!check) {
      writeFileSync(join(root, path), text);
      log(`written     ${path}`);
    }
  }
  return stale;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const check = process.argv.includes('--check');
  const stale = syncWorkspace(REPOSITORY_ROOT, { check });
  if (check && stale.length > 0) {
    for (const path of stale) console.error(`out of date ${path}`);
    console.error('The workspace lists do not match packages/*/package.json: run `pnpm sync:workspace`, then `pnpm install`, and commit the result.');
    process.exitCode = 1;
  } else if (stale.length > 0) {
    console.log('Now run `pnpm install` if a package.json changed, and commit the result.');
  } else {
    console.log('The workspace lists are up to date.');
  }
}
