import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { listWorkspacePackages } from './scripts/workspace-packages.mjs';

/**
 * The root test configuration: one vitest project per package under `packages/` (found by their
 * `package.json`, so a new package needs no line here), plus the examples, the demo, the
 * documentation snippets and the repository scripts.
 *
 * Workspace packages are resolved to their TypeScript sources, so the tests never need a build
 * first and always exercise the code as it is in the working tree.
 */
const root = fileURLToPath(new URL('.', import.meta.url));
const packages = listWorkspacePackages(root);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const alias = packages.flatMap(({ entries }) =>
  Object.entries(entries).map(([specifier, source]) => ({ find: new RegExp(`^${escapeRegExp(specifier)}$`), replacement: source })),
);

const projects = [
  ...packages.map(({ folder, directory }) => ({ name: folder.slice('packages/'.length), root: directory })),
  { name: 'examples', root: fileURLToPath(new URL('./examples', import.meta.url)) },
  { name: 'demo', root: fileURLToPath(new URL('./demo', import.meta.url)) },
  { name: 'docs', root: fileURLToPath(new URL('./docs', import.meta.url)) },
  { name: 'workspace', root: fileURLToPath(new URL('./scripts', import.meta.url)) },
];

export default defineConfig({
  test: {
    projects: projects.map(({ name, root }) => ({
      resolve: { alias },
      test: {
        name,
        root,
        include: ['src/**/*.test.ts', 'test/**/*.test.ts', '*.test.ts', '*/**/*.test.ts'],
        exclude: ['**/node_modules/**', '**/dist/**'],
        testTimeout: 20_000,
        hookTimeout: 20_000,
      },
    })),
  },
});
