import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeStoreSuite } from '../store/store-suite.js';
import { createPgliteStore } from './create-pglite-store.js';

const directory = mkdtempSync(join(tmpdir(), 'ledger-pglite-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// One data directory for the whole file: initialising one takes seconds.
describeStoreSuite('PGlite', () => createPgliteStore({ directory }));
