/**
 * The packages of the workspace, read from `packages/<folder>/package.json`: the one place that
 * knows which packages exist, which are adapters (`"reversal": { "adapter": "<definition export>" }`)
 * and where the TypeScript source of each export lives. The test configuration, the API reference,
 * the code-table generator and `pnpm sync:workspace` all read it, so that adding a package edits
 * no file outside it. Types: `workspace-packages.d.mts`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in `scripts/`). */
export const REPOSITORY_ROOT = fileURLToPath(new URL('..', import.meta.url));

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The source file of one export (`.` → `src/index.ts`, `./kit` → `src/kit/index.ts` or `src/kit.ts`). */
function sourceOf(directory, subpath) {
  const candidates =
    subpath === '.' ? ['src/index.ts'] : [`src/${subpath.slice(2)}/index.ts`, `src/${subpath.slice(2)}.ts`];
  return candidates.map((candidate) => join(directory, candidate)).find((file) => existsSync(file));
}

/** Reads one package folder; `undefined` for a folder without `package.json`. */
export function readWorkspacePackage(directory, folder) {
  const manifestPath = join(directory, 'package.json');
  if (!existsSync(manifestPath)) return undefined;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (typeof manifest.name !== 'string') throw new Error(`${folder}/package.json has no "name".`);
  const adapter = manifest.reversal?.adapter;
  if (adapter !== undefined && (typeof adapter !== 'string' || !IDENTIFIER.test(adapter))) {
    throw new Error(
      `${folder}/package.json: "reversal.adapter" must name the export of the adapter's definition (e.g. "acmeTz").`,
    );
  }
  const subpaths = typeof manifest.exports === 'object' && manifest.exports !== null ? Object.keys(manifest.exports) : ['.'];
  const entries = {};
  for (const subpath of subpaths) {
    if (subpath.endsWith('.json')) continue;
    const source = sourceOf(directory, subpath);
    if (source) entries[subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`] = source;
  }
  return { name: manifest.name, folder, directory, private: manifest.private === true, adapter, entries, manifest };
}

/**
 * Every package under `packages/`, sorted by folder. `root` defaults to this repository; a test
 * passes a copy of it.
 */
export function listWorkspacePackages(root = REPOSITORY_ROOT) {
  const packagesDirectory = join(root, 'packages');
  return readdirSync(packagesDirectory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() || entry.isSymbolicLink())
    .map((entry) => entry.name)
    .sort()
    .map((name) => readWorkspacePackage(join(packagesDirectory, name), `packages/${name}`))
    .filter((workspacePackage) => workspacePackage !== undefined);
}

/** The packages that declare `reversal.adapter`. */
export function listAdapterPackages(root = REPOSITORY_ROOT) {
  return listWorkspacePackages(root).filter((workspacePackage) => workspacePackage.adapter !== undefined);
}
