import type { AnyProviderDefinition } from '@reversal/core';
import { type AdapterPackage, findBundledAdapters, findInstalledAdapters } from './find-adapter-packages.js';

/** A provider the tool can use, and the package it came from. */
export interface LoadedAdapter {
  readonly definition: AnyProviderDefinition;
  readonly packageName: string;
  readonly origin: AdapterPackage['origin'];
}

/** The providers the tool found, and why some packages that claim to be adapters were left out. */
export interface LoadedAdapters {
  readonly adapters: readonly LoadedAdapter[];
  /** One sentence per package left out, for a warning on stderr. */
  readonly problems: readonly string[];
}

function isDefinition(value: unknown): value is AnyProviderDefinition {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof AnyProviderDefinition, unknown>>;
  return (
    typeof candidate.id === 'string' &&
    typeof candidate.displayName === 'string' &&
    typeof candidate.create === 'function' &&
    typeof candidate.parseOptions === 'function' &&
    typeof candidate.environment === 'object' &&
    candidate.environment !== null
  );
}

/**
 * Loads every adapter the tool can use: those installed in the project of `cwd` (nearest first),
 * then those bundled with the tool. An id already loaded is not loaded again, so a project's own
 * version of an adapter wins over the bundled one. A package that fails to load is left out with
 * a problem, never a crash.
 */
export async function loadAdapters(cwd: string): Promise<LoadedAdapters> {
  const adapters: LoadedAdapter[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const found of [...findInstalledAdapters(cwd), ...findBundledAdapters()]) {
    if (seen.has(found.name)) continue;
    seen.add(found.name);
    let exported: unknown;
    try {
      exported = ((await import(found.specifier)) as Record<string, unknown>)[found.exportName];
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      problems.push(`${found.name} (${found.origin}) could not be loaded, so its provider is not available: ${reason}`);
      continue;
    }
    if (!isDefinition(exported)) {
      problems.push(
        `${found.name} names "${found.exportName}" in package.json "reversal.adapter", but exports no provider definition by that name; it is left out.`,
      );
      continue;
    }
    if (adapters.some((adapter) => adapter.definition.id === exported.id)) continue;
    adapters.push({ definition: exported, packageName: found.name, origin: found.origin });
  }
  return { adapters, problems };
}
