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
];

const packages = ['core', 'sandbox', 'safaricom-ke', 'vodacom-mz'];

export default defineConfig({
  test: {
    projects: packages.map((name) => ({
      resolve: { alias },
      test: {
        name,
        root: source(name),
        include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        testTimeout: 20_000,
        hookTimeout: 20_000,
      },
    })),
  },
});
