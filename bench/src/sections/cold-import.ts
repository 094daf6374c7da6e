import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageDirectory, packageEntryUrl } from '../lib/import-package.js';
import { median, round } from '../lib/stats.js';

/** One thing to import in a fresh process. */
export interface ImportVariant {
  readonly name: string;
  readonly specifiers: readonly string[];
}

/**
 * The adapters the bench depends on (`pnpm sync:workspace` keeps every published adapter in its
 * package.json): the dependencies whose package.json has `"reversal": { "adapter": … }`.
 */
export function benchAdapters(benchDirectory: string): string[] {
  const manifest = JSON.parse(readFileSync(join(benchDirectory, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return Object.keys(manifest.dependencies ?? {}).filter((name) => {
    // Read from node_modules, not through `require`: a package whose `exports` omit ./package.json (a peer) cannot be required so.
    const dependency = JSON.parse(readFileSync(join(benchDirectory, 'node_modules', name, 'package.json'), 'utf8')) as { reversal?: { adapter?: unknown } };
    return typeof dependency.reversal?.adapter === 'string';
  });
}

/** The name of a variant that imports a `--baseline` checkout's packages. */
export const baselineName = (name: string) => `${name} (baseline)`;

/**
 * The variants measured: bare Node, undici alone, core, core plus each adapter, and the peers;
 * with a `--baseline` checkout, also its core and its version of each adapter it has.
 */
export function importVariants(benchDirectory: string, baselineRoot?: string): ImportVariant[] {
  const adapters = benchAdapters(benchDirectory);
  const variants: ImportVariant[] = [
    { name: 'node (nothing imported)', specifiers: [] },
    { name: 'undici', specifiers: ['undici'] },
    { name: '@reversal/core', specifiers: ['@reversal/core'] },
    ...adapters.map((adapter) => ({ name: `@reversal/core + ${adapter}`, specifiers: ['@reversal/core', adapter] })),
  ];
  if (baselineRoot !== undefined) {
    const core = packageEntryUrl(baselineRoot, '@reversal/core');
    variants.push({ name: baselineName('@reversal/core'), specifiers: [core] });
    for (const adapter of adapters.filter((name) => hasPackage(baselineRoot, name))) {
      variants.push({ name: baselineName(`@reversal/core + ${adapter}`), specifiers: [core, packageEntryUrl(baselineRoot, adapter)] });
    }
  }
  variants.push({ name: 'mpesa-api', specifiers: ['mpesa-api'] }, { name: '@paymentsds/mpesa', specifiers: ['@paymentsds/mpesa'] });
  return variants;
}

function hasPackage(root: string, name: string): boolean {
  try {
    findPackageDirectory(root, name);
    return true;
  } catch {
    return false;
  }
}

/** Median wall time of a fresh `node` process that imports the variant and exits. */
export interface ColdImportRow {
  readonly name: string;
  readonly medianMs: number;
  /** Median minus bare Node's median. */
  readonly importMs: number;
  readonly runs: number;
}

/**
 * Starts `runs` fresh processes per variant, the variants taking turns so that load changes fall
 * on all of them, and keeps the median wall time from spawn to exit.
 */
export function runColdImport(cwd: string, runs: number, baselineRoot?: string): ColdImportRow[] {
  const IMPORT_VARIANTS = importVariants(cwd, baselineRoot);
  const times = new Map<string, number[]>(IMPORT_VARIANTS.map((variant) => [variant.name, []]));
  for (let run = 0; run < runs; run++) {
    for (const variant of IMPORT_VARIANTS) {
      const code = variant.specifiers.map((specifier) => `await import(${JSON.stringify(specifier)});`).join('');
      const started = process.hrtime.bigint();
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
      const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
      if (child.status !== 0) throw new Error(`import of ${variant.name} failed: ${child.stderr.toString().slice(0, 500)}`);
      times.get(variant.name)!.push(elapsed);
    }
  }
  const bare = median(times.get(IMPORT_VARIANTS[0]!.name)!);
  return IMPORT_VARIANTS.map((variant) => {
    const medianMs = median(times.get(variant.name)!);
    return { name: variant.name, medianMs: round(medianMs, 1), importMs: round(medianMs - bare, 1), runs };
  });
}
