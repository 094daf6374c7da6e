import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.base.js';

export default defineConfig([
  // The two builds run at once: the library's clean must spare the binary.
  // shims: the CommonJS build resolves the bundled adapters from import.meta.url too.
  libraryBuild({ index: 'src/index.ts' }, { clean: ['!bin.js'], shims: true }),
  {
    entry: { bin: 'src/bin.ts' },
    format: ['esm'],
    sourcemap: false,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
