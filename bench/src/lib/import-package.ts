import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ImportPackage } from '../clients/bench-client.js';

interface Manifest {
  readonly name?: string;
  readonly module?: string;
  readonly exports?: { readonly '.'?: { readonly import?: string | { readonly default?: string } } };
}

/**
 * The directory of package `name` in a checkout of this repository (`<root>/packages/*`), found by
 * the `name` of each package.json, so that a checkout with other folder names works too.
 */
export function findPackageDirectory(root: string, name: string): string {
  const packages = join(root, 'packages');
  for (const folder of readdirSync(packages)) {
    try {
      const manifest = JSON.parse(readFileSync(join(packages, folder, 'package.json'), 'utf8')) as Manifest;
      if (manifest.name === name) return join(packages, folder);
    } catch {
      // Not a package folder.
    }
  }
  throw new Error(`no package named ${name} under ${packages}`);
}

/** The file URL of a package's ESM entry (its built `dist`), read from its package.json `exports`. */
export function packageEntryUrl(root: string, name: string): string {
  const directory = findPackageDirectory(root, name);
  const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as Manifest;
  const target = manifest.exports?.['.']?.import;
  const entry = (typeof target === 'string' ? target : target?.default) ?? manifest.module ?? './dist/index.js';
  return pathToFileURL(join(directory, entry)).href;
}

/**
 * How a client process imports `@reversal/…` packages: by name from the bench's dependencies, or,
 * given a checkout's root (`--baseline <dir>`), from that checkout's built packages. Either way a
 * package's own dependencies resolve from its own directory, so a baseline runs with its own undici
 * and valibot.
 */
export function createPackageImporter(root: string | undefined): ImportPackage {
  if (root === undefined) return (name) => import(name);
  return (name) => import(packageEntryUrl(root, name));
}
