import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Takes every permission of group and others from what is inside an embedded ledger's directory:
 * files 0600, directories 0700 (symbolic links are left alone). PGlite sets the modes of its files
 * itself (0666, whatever the umask), so the command does this after creating the ledger and each
 * time it closes it; the directory itself is created 0700, which keeps others out in between.
 * Best effort: a file that vanishes or refuses is skipped.
 */
export function restrictPermissions(directory: string): void {
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(directory, name);
    try {
      const stats = lstatSync(path);
      if (stats.isSymbolicLink()) continue;
      if ((stats.mode & 0o077) !== 0) chmodSync(path, stats.mode & 0o700);
      if (stats.isDirectory()) restrictPermissions(path);
    } catch {
      // Gone, or not ours to change: the directory's own 0700 still keeps others out.
    }
  }
}
