import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const REPOSITORY = 'https://github.com/reversal-js/reversal';
const packages = readdirSync(join(root, 'packages'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => `packages/${entry.name}`);

/**
 * npm shows a package's README alone, away from the repository: a relative link or "see the root
 * README" leads nowhere there. Links go to the repository in full, and every package says where
 * that repository is.
 */
describe.each(packages)('%s', (folder) => {
  const manifest = JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8'));

  it('names the repository and its own folder in package.json', () => {
    expect(manifest.repository).toEqual({ type: 'git', url: `git+${REPOSITORY}.git`, directory: folder });
    expect(manifest.homepage).toBe(`${REPOSITORY}/tree/main/${folder}#readme`);
  });

  it('links only to absolute addresses or its own headings in its README', () => {
    const readme = readFileSync(join(root, folder, 'README.md'), 'utf8');
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!);
    const relative = targets.filter((target) => !/^(https:\/\/|#)/.test(target));
    expect(relative, 'relative links (dead on npm)').toEqual([]);
    expect(readme).not.toMatch(/root README|\{REPO\}/);
    for (const target of targets.filter((link) => link.startsWith(`${REPOSITORY}/`))) {
      expect(target, 'links into the repository point at main').toMatch(new RegExp(`^${REPOSITORY}/(blob|tree)/main/`));
      const path = target.slice(`${REPOSITORY}/blob/main/`.length).split('#')[0]!;
      expect(() => readFileSync(join(root, path)), `${target} names a file of the repository`).not.toThrow();
    }
  });
});
