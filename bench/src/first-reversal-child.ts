/**
 * Time to first reversal: a fresh process that imports one client, configures it and sends one
 * reversal (with its OAuth and credential work), then exits. Usage: `first-reversal-child.js
 * <client module> <transaction id> [<checkout root>]`, the simulators' setup in `BENCH_SETUP`
 * (JSON). Prints `{ "readyMs": … }`: process start to the reversal's answer, by `performance.now()`.
 */
import type { OpenClient } from './clients/bench-client.js';
import { createPackageImporter } from './lib/import-package.js';
import type { ClientSetup } from './protocol.js';

const [name, transactionId, root] = process.argv.slice(2);
if (!name || !/^[a-z-]+$/.test(name) || !transactionId) {
  throw new Error('usage: first-reversal-child.js <client module> <transaction id> [<checkout root>]');
}
const setup = JSON.parse(process.env.BENCH_SETUP ?? '') as ClientSetup;
// A URL held in a variable, so that the bundler leaves this import to run time.
const { open } = (await import(new URL(`./clients/${name}.js`, import.meta.url).href)) as { open: OpenClient };
const client = await open(setup, createPackageImporter(root));
await client.reverse(transactionId);
const readyMs = performance.now();
process.stdout.write(`${JSON.stringify({ readyMs })}\n`);
// Exit at once, as the cold-import processes do: closing sockets is not part of the first reversal.
process.exit(0);
