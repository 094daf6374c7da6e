import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** What installing one package costs its user. */
export interface FootprintRow {
  readonly name: string;
  readonly version: string;
  /** Size of the tarball `pnpm pack` makes. */
  readonly packedKiB: number;
  /** Size of the files in it. */
  readonly unpackedKiB: number;
  /** Production dependencies installed with it, transitively (name@version, each counted once). */
  readonly dependencies: number;
  readonly dependencyNames: readonly string[];
  /** The package's files plus its dependencies' (without their own nested `node_modules`). */
  readonly installedKiB: number;
}

interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
}

const readPackage = (directory: string): PackageJson => JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
const kib = (bytes: number) => Math.round(bytes / 102.4) / 10;

/** Sizes of the files in a `.tgz`, read from its tar headers. */
function tarballContentBytes(file: string): number {
  const tar = gunzipSync(readFileSync(file));
  let total = 0;
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const size = Number.parseInt(header.subarray(124, 136).toString('latin1').replace(/\0.*$/, '').trim() || '0', 8);
    const type = String.fromCharCode(header[156]!);
    if (type === '0' || type === '\0') total += size;
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return total;
}

/** Bytes of the files under `directory`, nested `node_modules` excluded. */
function directoryBytes(directory: string): number {
  let total = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) total += directoryBytes(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

/** Finds an installed dependency the way Node does: `node_modules/<name>` in each ancestor. */
function findDependency(from: string, name: string): string | undefined {
  for (let directory = from; ; directory = dirname(directory)) {
    if (basename(directory) !== 'node_modules') {
      const candidate = join(directory, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    }
    if (dirname(directory) === directory) return undefined;
  }
}

/** The production dependency tree of the package in `directory`: real path → package.json. */
function productionDependencies(directory: string): Map<string, PackageJson> {
  const found = new Map<string, PackageJson>();
  const visit = (from: string) => {
    const manifest = readPackage(from);
    const names = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.optionalDependencies ?? {})];
    for (const name of names) {
      const location = findDependency(from, name);
      if (!location || found.has(location)) continue;
      found.set(location, readPackage(location));
      visit(location);
    }
  };
  visit(realpathSync(directory));
  return found;
}

/** Packs `directory` with `pnpm pack` into a temporary folder; the tarball's path. */
function pack(directory: string, destination: string): string {
  // Lifecycle scripts off: an installed package's `prepare` (undici's runs husky) is not packing.
  const output = execFileSync('pnpm', ['pack', '--config.ignore-scripts=true', '--pack-destination', destination], { cwd: directory, encoding: 'utf8' });
  const tarball = output.trim().split('\n').pop()!.trim();
  if (!tarball.endsWith('.tgz') || !existsSync(tarball)) throw new Error(`pnpm pack in ${directory} gave no tarball: ${output}`);
  return tarball;
}

/**
 * Measures each package: its `pnpm pack` tarball, and the production dependencies installed with
 * it. Workspace packages are counted by their packed content (what a user downloads), never by
 * their source folders.
 */
export function runFootprint(workspaceDirectories: readonly string[], peerNames: readonly string[], resolveFrom: string): FootprintRow[] {
  const destination = mkdtempSync(join(tmpdir(), 'reversal-bench-pack-'));
  const require = createRequire(join(resolveFrom, 'package.json'));
  try {
    const peerDirectories = peerNames.map((name) => findDependency(resolveFrom, name) ?? dirname(require.resolve(`${name}/package.json`)));
    const packed = new Map<string, number>();
    const measured = [...workspaceDirectories, ...peerDirectories].map((directory) => {
      const manifest = readPackage(directory);
      const tarball = pack(directory, destination);
      const unpacked = tarballContentBytes(tarball);
      packed.set(manifest.name, unpacked);
      return { directory, manifest, packedBytes: statSync(tarball).size, unpacked };
    });
    return measured.map(({ directory, manifest, packedBytes, unpacked }) => {
      const dependencies = [...productionDependencies(directory).entries()];
      const dependencyBytes = dependencies.reduce(
        (sum, [location, dependency]) => sum + (packed.get(dependency.name) ?? directoryBytes(location)),
        0,
      );
      return {
        name: manifest.name,
        version: manifest.version,
        packedKiB: kib(packedBytes),
        unpackedKiB: kib(unpacked),
        dependencies: dependencies.length,
        dependencyNames: dependencies.map(([, dependency]) => `${dependency.name}@${dependency.version}`).sort(),
        installedKiB: kib(unpacked + dependencyBytes),
      };
    });
  } finally {
    rmSync(destination, { recursive: true, force: true });
  }
}
