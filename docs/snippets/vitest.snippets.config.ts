import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { listWorkspacePackages } from '../../scripts/workspace-packages.mjs';

/**
 * Runs the README blocks marked `<!-- snippet: test -->` (vitest tests, such as the mock provider's
 * example), once `readme-snippets.test.ts` has written them beside their README. Workspace packages
 * resolve to their TypeScript sources, as in `vitest.workspace.ts`.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const alias = listWorkspacePackages(root).flatMap(({ entries }) =>
  Object.entries(entries).map(([specifier, source]) => ({ find: new RegExp(`^${escapeRegExp(specifier)}$`), replacement: source })),
);

export default defineConfig({
  root,
  resolve: { alias },
  test: {
    include: ['.readme-snippets/*.test.ts', '*/**/.readme-snippets/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
