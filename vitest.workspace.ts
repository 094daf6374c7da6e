import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The root test configuration: one vitest project per package under `packages/`.
 *
 * Workspace packages are resolved to their TypeScript sources, so the tests never need a build
 * first and always exercise the code as it is in the working tree.
 */
const source = (path: string) => fileURLToPath(new URL(`./packages/${path}`, import.meta.url));

const alias = [
  { find: /^@reversal\/core\/kit$/, replacement: source('core/src/kit/index.ts') },
  { find: /^@reversal\/core\/testing$/, replacement: source('core/src/testing/index.ts') },
  { find: /^@reversal\/core$/, replacement: source('core/src/index.ts') },
  { find: /^@reversal\/sandbox$/, replacement: source('sandbox/src/index.ts') },
  { find: /^@reversal\/safaricom-ke$/, replacement: source('safaricom-ke/src/index.ts') },
  { find: /^@reversal\/vodacom-mz$/, replacement: source('vodacom-mz/src/index.ts') },
  { find: /^@reversal\/cli$/, replacement: source('cli/src/index.ts') },
  { find: /^@reversal\/ledger$/, replacement: source('ledger/src/index.ts') },
];

const projects = [
  { name: 'core', root: source('core') },
  { name: 'sandbox', root: source('sandbox') },
  { name: 'safaricom-ke', root: source('safaricom-ke') },
  { name: 'vodacom-mz', root: source('vodacom-mz') },
  { name: 'cli', root: source('cli') },
  { name: 'ledger', root: source('ledger') },
  { name: 'examples', root: fileURLToPath(new URL('./examples', import.meta.url)) },
  { name: 'demo', root: fileURLToPath(new URL('./demo', import.meta.url)) },
  { name: 'docs', root: fileURLToPath(new URL('./docs', import.meta.url)) },
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
