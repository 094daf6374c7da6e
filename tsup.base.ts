import type { Options } from 'tsup';

/**
 * The build every published package shares: ESM and CommonJS for Node 20, with declarations for
 * both (`.d.ts` and `.d.cts`) and source maps.
 */
export function libraryBuild(entry: Record<string, string>, overrides: Options = {}): Options {
  return {
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    // No source maps: they would point at sources the tarball does not ship.
    sourcemap: false,
    target: 'node20',
    platform: 'node',
    treeshake: true,
    ...overrides,
  };
}
