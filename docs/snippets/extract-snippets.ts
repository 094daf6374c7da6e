import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One TypeScript code block of a README. */
export interface Snippet {
  /** The README, from the repository root. */
  readonly readme: string;
  /** 1-based line of the block's opening fence. */
  readonly line: number;
  readonly code: string;
  /**
   * `check`: type-checked only. `run` (marked `<!-- snippet: run -->`): a script that runs offline,
   * against the simulators. `test` (marked `<!-- snippet: test -->`): a vitest test file, run as one.
   */
  readonly mode: 'check' | 'run' | 'test';
  /** What a run must print, in order: the text after each `// prints: ` comment of the block. */
  readonly prints: readonly string[];
}

// A block right after this comment is a fragment on purpose (a diff, a shape) and is not checked;
// a block after `<!-- readme-example:path -->` is a copy of a file that is compiled where it is.
const SKIP_MARKERS = ['<!-- snippet: skip -->', '<!-- readme-example:'];
const RUN_MARKER = '<!-- snippet: run -->';
const TEST_MARKER = '<!-- snippet: test -->';
const FENCE = /^```(ts|typescript)\s*$/;
const PRINTS = /\/\/ prints: (.+)$/;

/** The READMEs users read: the repository's, every package's (what npm shows), the examples'. */
export function readmePaths(root: string): string[] {
  const packages = readdirSync(join(root, 'packages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `packages/${entry.name}/README.md`);
  return ['README.md', 'examples/README.md', ...packages].filter((path) => {
    try {
      readFileSync(join(root, path));
      return true;
    } catch {
      return false;
    }
  });
}

/** The ```ts blocks of a README, except those marked `<!-- snippet: skip -->` or quoting a file. */
export function extractSnippets(root: string, readme: string): Snippet[] {
  const lines = readFileSync(join(root, readme), 'utf8').split('\n');
  const snippets: Snippet[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (!FENCE.test(lines[index]!)) continue;
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length && !lines[index]!.startsWith('```'); index++) body.push(lines[index]!);
    const previous = lines.slice(Math.max(0, start - 2), start).join('\n');
    if (SKIP_MARKERS.some((marker) => previous.includes(marker))) continue;
    const prints = body.flatMap((line) => PRINTS.exec(line)?.[1]?.trim() ?? []);
    const mode = previous.includes(RUN_MARKER) ? 'run' : previous.includes(TEST_MARKER) ? 'test' : 'check';
    snippets.push({ readme, line: start + 1, code: body.join('\n'), mode, prints });
  }
  return snippets;
}
