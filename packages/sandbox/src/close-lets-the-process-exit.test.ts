import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));
const child = fileURLToPath(new URL('./test-support/start-and-close-simulators.ts', import.meta.url));

// A liveness check, not a timing assertion: the limit is far above the second or so it takes.
const EXIT_LIMIT_MS = 10_000;

it('lets a process that closes both simulators exit by itself, with clients and callbacks still pending', async () => {
  const run = spawn(process.execPath, ['--import', 'tsx', child], { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  run.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  run.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const started = new Promise<void>((resolve) => {
    run.stdout.on('data', () => {
      if (output.includes('callback in flight')) resolve();
    });
  });
  const exited = new Promise<number | null>((resolve) => run.on('exit', (code) => resolve(code)));
  await Promise.race([started, exited]);
  const outcome = await Promise.race([
    exited,
    new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), EXIT_LIMIT_MS).unref()),
  ]);
  if (outcome === 'still running') run.kill('SIGKILL');
  expect(outcome, output).toBe(0);
  expect(output).toContain('closed;');
}, 60_000);
