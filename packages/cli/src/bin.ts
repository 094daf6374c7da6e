import { EXIT_CODES } from './exit-codes.js';
import { runCli } from './run-cli.js';

// The embedded ledger's files are the operator's alone (0600, directories 0700): set here, in the
// binary, because a library must not change the process's umask.
process.umask(0o077);

// The first SIGINT/SIGTERM asks the command to stop cleanly (the sandbox closes its servers, a
// reversal in flight is reported as unknown); a second one ends the process at once.
const controller = new AbortController();
let signals = 0;
const onSignal = (signal: NodeJS.Signals) => {
  signals += 1;
  if (signals > 1) process.exit(signal === 'SIGINT' ? 130 : 143);
  controller.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
});
// Interrupted before anything was sent: end now, without waiting for what was still starting (PGlite
// initialising a new ledger takes seconds; the next run opens it, and its lock goes with this process).
if (process.exitCode === EXIT_CODES.interrupted) process.exit(EXIT_CODES.interrupted);
process.off('SIGINT', onSignal);
process.off('SIGTERM', onSignal);
// Everything is closed by now; should a stray handle keep the event loop alive, do not hang.
setTimeout(() => process.exit(), 2_000).unref();
