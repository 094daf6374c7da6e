import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startVodacomMzSimulator, type VodacomMzSimulator } from '@reversal/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../exit-codes.js';
import { ensureBuilt } from '../test-support/built-cli.js';
import { exited, runBin, spawnBin } from '../test-support/run-bin.js';
import { mozambiqueEnvironment } from '../test-support/simulators.js';

let mozambique: VodacomMzSimulator;
let directory: string;

beforeAll(async () => {
  await ensureBuilt();
  mozambique = await startVodacomMzSimulator({ keyBits: 2048 });
  directory = mkdtempSync(join(tmpdir(), 'reversal-cli-home-'));
}, 600_000);

afterAll(async () => {
  await mozambique?.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

const reversalsOf = (transactionId: string) =>
  mozambique.requests().filter((request) => request.operation === 'reversal' && JSON.stringify(request.body).includes(transactionId));

/** Every path under `root` whose mode lets group or others in (symbolic links aside). */
function openToOthers(root: string): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    const stats = statSync(path);
    if ((stats.mode & 0o077) !== 0) found.push(`${path} ${(stats.mode & 0o777).toString(8)}`);
    if (stats.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(root);
  return found;
}

describe('the default ledger: one per user, in the XDG state directory', { timeout: 240_000 }, () => {
  it('is created once, 0700 with files 0600, and is the same ledger whatever the working directory', async () => {
    const state = join(directory, 'state');
    const env = { ...mozambiqueEnvironment(mozambique), REVERSAL_LEDGER: '', XDG_STATE_HOME: state };
    const { transactionId } = mozambique.addTransaction({ amount: '100.00' });
    const args = ['reverse', '--transaction-id', transactionId, '--amount', '40.00', '--reference', 'HOMEREF1'];
    const shop = join(directory, 'shop');
    const elsewhere = join(directory, 'elsewhere');
    mkdirSync(shop);
    mkdirSync(elsewhere);

    const first = await runBin(args, { env, cwd: shop });
    expect(first.code, first.stderr).toBe(EXIT_CODES.ok);
    const ledger = join(state, 'reversal', 'ledger');
    expect(first.stderr).toContain(`Creating the ledger in ${ledger} (once, a few seconds)…`);
    expect(first.stdout).toContain(`Ledger            succeeded — ${ledger}`);
    expect(statSync(join(state, 'reversal')).mode & 0o777).toBe(0o700);
    expect(statSync(ledger).mode & 0o777).toBe(0o700);
    expect(openToOthers(join(state, 'reversal'))).toEqual([]);
    expect(readdirSync(shop)).toEqual([]);

    const again = await runBin(args, { env, cwd: elsewhere });
    expect(again.code, again.stderr).toBe(EXIT_CODES.ok);
    expect(again.stdout).toContain('The ledger already holds reference HOMEREF1: nothing was sent.');
    expect(again.stderr).not.toContain('Creating the ledger');
    expect(reversalsOf(transactionId)).toHaveLength(1);
    expect(openToOthers(join(state, 'reversal'))).toEqual([]);
  });

  it('answers Ctrl-C during the first set-up at once (exit 130, nothing sent), and the next run works', async () => {
    const state = join(directory, 'interrupted');
    const env = { ...mozambiqueEnvironment(mozambique), REVERSAL_LEDGER: '', XDG_STATE_HOME: state };
    const { transactionId } = mozambique.addTransaction({ amount: '100.00' });
    const args = ['reverse', '--transaction-id', transactionId, '--reference', 'HOMEREF2'];
    const child = spawnBin(args, { env, cwd: directory });
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('Creating the ledger')) resolve();
      });
      child.on('close', () => reject(new Error(`exited before setting up the ledger: ${stderr}`)));
    });
    // PGlite is initialising now: the interrupt must not wait for it.
    const interruptedAt = Date.now();
    child.kill('SIGINT');
    expect(await exited(child)).toBe(EXIT_CODES.interrupted);
    expect(Date.now() - interruptedAt).toBeLessThan(5_000);
    expect(stderr).toContain('Interrupted before anything was sent');
    expect(reversalsOf(transactionId)).toHaveLength(0);

    const next = await runBin(args, { env, cwd: directory });
    expect(next.code, next.stderr).toBe(EXIT_CODES.ok);
    expect(next.stdout).toContain('Reversal SUCCEEDED (vodacom-mz)');
    expect(reversalsOf(transactionId)).toHaveLength(1);
    expect(openToOthers(join(state, 'reversal'))).toEqual([]);
  });

  it('sets no ledger up in a directory that holds other files (exit 3, nothing sent), nor for a listing', async () => {
    const folder = join(directory, 'documents');
    mkdirSync(folder);
    writeFileSync(join(folder, 'notes.txt'), 'mine');
    const { transactionId } = mozambique.addTransaction({ amount: '100.00' });
    const env = { ...mozambiqueEnvironment(mozambique), REVERSAL_LEDGER: folder };
    const run = await runBin(['reverse', '--transaction-id', transactionId, '--reference', 'HOMEREF3'], { env, cwd: directory });
    expect(run.code, run.stderr).toBe(EXIT_CODES.configuration);
    expect(run.stderr).toContain(`The directory ${folder} holds other files and no ledger.`);
    expect(readdirSync(folder)).toEqual(['notes.txt']);
    expect(reversalsOf(transactionId)).toHaveLength(0);
    // Listing creates nothing either: there is no ledger there yet.
    const listed = await runBin(['entries', '--json'], { env: { REVERSAL_LEDGER: join(directory, 'never-used') }, cwd: directory });
    expect(listed.code, listed.stderr).toBe(EXIT_CODES.ok);
    expect(JSON.parse(listed.stdout)).toMatchObject({ count: 0, entries: [] });
    expect(readdirSync(directory)).not.toContain('never-used');
  });
});
