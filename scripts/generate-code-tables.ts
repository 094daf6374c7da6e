/**
 * `pnpm docs:tables`: writes the generated code tables into the adapter READMEs.
 * `pnpm docs:tables --check`: exits 1, naming the README, when one differs from the code tables.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCodeTableDocuments, renderRegion, replaceRegion } from './code-tables.js';

const root = resolve(import.meta.dirname, '..');
const check = process.argv.includes('--check');
let drifted = 0;

const documents = await loadCodeTableDocuments(root);
if (documents.length === 0) console.log('no adapter declares "reversal.adapter" in its package.json: no table to generate');
for (const document of documents) {
  const path = join(root, document.readme);
  const current = readFileSync(path, 'utf8');
  const next = replaceRegion(current, renderRegion(document), document.readme);
  if (next === current) {
    console.log(`up to date  ${document.readme}`);
  } else if (check) {
    drifted += 1;
    console.error(`out of date ${document.readme}: run \`pnpm docs:tables\` and commit the result`);
  } else {
    writeFileSync(path, next);
    console.log(`written     ${document.readme}`);
  }
}
process.exitCode = drifted > 0 ? 1 : 0;
