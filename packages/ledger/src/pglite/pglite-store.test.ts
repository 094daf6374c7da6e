import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, vi } from 'vitest';
import { describeStoreSuite } from '../store/store-suite.js';
import { createPgliteStore } from './create-pglite-store.js';

const directory = mkdtempSync(join(tmpdir(), 'ledger-pglite-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
// The suite opens the store in a hook: initialising a new directory takes seconds, far more on a busy machine.
vi.setConfig({ hookTimeout: 120_000 });

// One data directory for the whole file: initialising one takes seconds.
describeStoreSuite('PGlite', () => createPgliteStore({ directory }));
