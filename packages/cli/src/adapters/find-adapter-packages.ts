import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import cliManifest from '../../package.json' with { type: 'json' };

/** An adapter package the tool may load: one whose package.json has `"reversal": { "adapter": … }`. */
export interface AdapterPackage {
  /** The package name (`@reversal/safaricom-ke`). */
  readonly name: string;
  /** The export that holds its provider definition (`safaricomKe`). */
  readonly exportName: string;
  /** What to import: a file URL (installed) or the package name (bundled with the tool). */
  readonly specifier: string;
  /** `installed` in the current project, or `bundled` with the tool. */
  readonly origin: 'installed' | 'bundled';
}

interface Manifest {
  readonly name?: unknown;
  readonly reversal?: { readonly adapter?: unknown };
  readonly exports?: unknown;
  readonly module?: unknown;
  readonly main?: unknown;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
}

function readManifest(file: string): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

/** The ES module entry of a package: `exports["."]` (`import`, then `default`), else `module` or `main`. */
export function moduleEntry(manifest: Manifest): string {
  const pick = (target: unknown): string | undefined => {
    if (typeof target === 'string') return target;
    if (typeof target !== 'object' || target === null) return undefined;
    const conditions = target as Record<string, unknown>;
    if ('.' in conditions) return pick(conditions['.']);
    return pick(conditions.import) ?? pick(conditions.node) ?? pick(conditions.default);
  };
  return pick(manifest.exports) ?? (typeof manifest.module === 'string' ? manifest.module : undefined) ?? (typeof manifest.main === 'string' ? manifest.main : 'index.js');
}

function adapterAt(directory: string): AdapterPackage | undefined {
  const manifest = readManifest(join(directory, 'package.json'));
  const exportName = manifest?.reversal?.adapter;
  if (!manifest || typeof manifest.name !== 'string' || typeof exportName !== 'string') return undefined;
  const specifier = pathToFileURL(join(directory, moduleEntry(manifest))).href;
  return { name: manifest.name, exportName, specifier, origin: 'installed' };
}

/** The directories from `start` up to the file-system root. */
function upwards(start: string): string[] {
  const directories = [start];
  for (let parent = dirname(start); parent !== directories.at(-1); parent = dirname(parent)) directories.push(parent);
  return directories;
}

/**
 * The adapters installed where the tool runs, nearest first: the project of `cwd` itself when it
 * is an adapter (trying one you are writing), each dependency of that project that is an adapter,
 * and every adapter in `node_modules/@reversal/` of `cwd` and of each directory above it.
 */
export function findInstalledAdapters(cwd: string): AdapterPackage[] {
  const found: AdapterPackage[] = [];
  const directories = upwards(cwd);
  const project = directories.find((directory) => existsSync(join(directory, 'package.json')));
  if (project) {
    const self = adapterAt(project);
    if (self) found.push(self);
    const manifest = readManifest(join(project, 'package.json'));
    for (const name of Object.keys({ ...manifest?.dependencies, ...manifest?.devDependencies })) {
      const home = upwards(project).find((directory) => existsSync(join(directory, 'node_modules', name, 'package.json')));
      const adapter = home && adapterAt(join(home, 'node_modules', name));
      if (adapter) found.push(adapter);
    }
  }
  for (const directory of directories) {
    const scope = join(directory, 'node_modules', '@reversal');
    if (!existsSync(scope)) continue;
    for (const entry of readdirSync(scope).sort()) {
      const adapter = adapterAt(join(scope, entry));
      if (adapter) found.push(adapter);
    }
  }
  return found;
}

/** The adapters the tool depends on (its package.json), which every installation of it has. */
export function findBundledAdapters(): AdapterPackage[] {
  const found: AdapterPackage[] = [];
  // Resolved from the tool's own files, where its dependencies are installed (import.meta.url is shimmed in the CommonJS build).
  const require = createRequire(import.meta.url);
  for (const name of Object.keys((cliManifest as Manifest).dependencies ?? {})) {
    let manifestPath: string;
    try {
      manifestPath = require.resolve(`${name}/package.json`);
    } catch {
      continue; // A dependency that does not export its package.json (a database client) is no adapter.
    }
    const exportName = readManifest(manifestPath)?.reversal?.adapter;
    if (typeof exportName === 'string') found.push({ name, exportName, specifier: name, origin: 'bundled' });
  }
  return found;
}
