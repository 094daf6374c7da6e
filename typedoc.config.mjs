// The API reference (`pnpm run docs`): one entry per published package under `packages/`, found
// by their package.json (scripts/workspace-packages.mjs), so a new package needs no line here.
import { listWorkspacePackages } from './scripts/workspace-packages.mjs';

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 'reversal API reference',
  entryPointStrategy: 'packages',
  entryPoints: listWorkspacePackages(import.meta.dirname)
    .filter((workspacePackage) => !workspacePackage.private)
    .map((workspacePackage) => workspacePackage.folder),
  packageOptions: {
    entryPoints: ['src/**/index.ts'],
    tsconfig: '../../tsconfig.json',
    skipErrorChecking: true,
    intentionallyNotExported: ['Field'],
  },
  out: 'docs/api',
  excludePrivate: true,
  excludeInternal: true,
};
