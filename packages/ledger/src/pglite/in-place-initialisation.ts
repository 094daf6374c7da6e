import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerError } from '../ledger-error.js';
import { removeFile } from './held-lock.js';

/** Present while a database is being initialised in place; it lists what the directory held before. */
export const MARKER_FILE_NAME = 'reversal-ledger.initialising';

/** A database being initialised in place: `finish()` once it is ready, `undo()` to leave the directory as it was. */
export interface InPlaceInitialisation {
  finish(): void;
  undo(): void;
}

// The lock file, its socket and this marker: never PGlite's, never the user's.
const isOurs = (name: string) => name.startsWith('reversal-ledger');

/**
 * Starts initialising a database in `directory`, which the caller has locked, or returns `undefined`
 * when it already holds a finished one. An existing directory (a mounted volume) cannot be swapped
 * for a new one by a rename, so a marker records what it held before: an initialisation interrupted
 * by a crash is undone here, on the next attempt, before it starts again.
 */
export function beginInPlace(directory: string): InPlaceInitialisation | undefined {
  const marker = join(directory, MARKER_FILE_NAME);
  let before = readMarker(marker);
  if (before !== undefined) removeAllBut(directory, before);
  else if (existsSync(join(directory, 'PG_VERSION'))) return undefined;
  before ??= readdirSync(directory).filter((name) => !isOurs(name));
  writeFileSync(`${marker}.new`, JSON.stringify(before), { mode: 0o600 });
  renameSync(`${marker}.new`, marker);
  return {
    finish: () => removeFile(marker),
    undo() {
      removeAllBut(directory, before);
      removeFile(marker);
    },
  };
}

function readMarker(marker: string): string[] | undefined {
  let text: string;
  try {
    text = readFileSync(marker, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const names: unknown = JSON.parse(text);
    if (Array.isArray(names) && names.every((name) => typeof name === 'string')) return names as string[];
  } catch {
    // Reported below.
  }
  throw new LedgerError(
    'ERR_LEDGER_CONFIG',
    `The PGlite ledger directory holds a damaged marker of an interrupted set-up (${marker}): move away the files the ` +
      'set-up created (everything but your own), delete the marker, and open the store again.',
  );
}

function removeAllBut(directory: string, keep: readonly string[]): void {
  for (const name of readdirSync(directory)) {
    if (!isOurs(name) && !keep.includes(name)) rmSync(join(directory, name), { recursive: true, force: true });
  }
}
