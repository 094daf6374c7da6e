import type { WorkspacePackage } from './workspace-packages.mjs';

/** The packages whose dependencies on the published adapters are generated. */
export const ADAPTER_CONSUMERS: readonly string[];
/** `tsconfig.json` with its `paths` generated from the packages. */
export function syncTsconfig(text: string, packages: readonly WorkspacePackage[], root: string): string;
/** A `package.json` whose `dependencies` hold every published adapter and no other adapter. */
export function syncAdapterDependencies(text: string, packages: readonly WorkspacePackage[], path: string): string;
/** Every generated file: its path from the root, and its text as it should be. */
export function expectedFiles(root?: string): { path: string; text: string }[];
/** Writes (or with `check`, only compares) the generated files; returns the paths out of date. */
export function syncWorkspace(root?: string, options?: { check?: boolean; log?: (line: string) => void }): string[];
