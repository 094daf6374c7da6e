import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Takes every permission of group and others from what is inside an embedded ledger's directory:
 * files 0600, directories 0700 (symbolic links are left alone); with `self`, from the directory
 * itself too (one this run created: an existing one keeps the modes its owner gave it). PGlite sets
 * the modes of its files itself (0666, whatever the umask), so the command does this after creating
 * the ledger and each time it closes it; the directory's parents are created 0700, which keeps
 * others out in between. Best effort: a file that vanishes or refuses is skipped.
 */
export function restrictPermissions(directory: string, options: { readonly self?: boolean } = {}): void {
  if (options.self) restrict(directory);
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(directory, name);
    if (restrict(path)) restrictPermissions(path);
  }
}

/** Takes group and other permissions from one path; true when it is a directory to descend into. */
function restrict(path: string): boolean {
  try {
    const stats = lstatSync(path);
    if (stats.isSymbolicLink()) return false;
    if ((stats.mode & 0o077) !== 0) chmodSync(path, stats.mode & 0o700);
    return stats.isDirectory();
  } catch {
    // Gone, or not ours to change: the parents' 0700 still keeps others out.
    return false;
  }
}
