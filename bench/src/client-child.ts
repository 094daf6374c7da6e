/**
 * A client process: loads ONE client module (`dist/clients/<module>.js`) and runs the batches the
 * orchestrator asks for, measuring its own wall and CPU time. Usage: `client-child.js <module>
 * [<checkout root>]`: with a root, the client imports `@reversal/…` from that checkout's packages.
 */
import type { BenchClient, OpenClient } from './clients/bench-client.js';
import { createPackageImporter } from './lib/import-package.js';
import { serveParent } from './lib/serve-parent.js';
import type { BatchRequest, BatchResult, ClientSetup } from './protocol.js';
import { transactionId } from './protocol.js';

interface ClientModule {
  readonly open: OpenClient;
  readonly extra?: (setup: ClientSetup) => Promise<Record<string, number>>;
}

const name = process.argv[2];
if (!name || !/^[a-z-]+$/.test(name)) throw new Error('usage: client-child.js <client module> [<checkout root>]');
const importPackage = createPackageImporter(process.argv[3]);
let loaded: ClientModule | undefined;
let setup: ClientSetup | undefined;
let client: BenchClient | undefined;

async function runBatch(instance: BenchClient, { prefix, count, concurrency }: BatchRequest): Promise<BatchResult> {
  const ids = Array.from({ length: count }, (_, index) => transactionId(prefix, index));
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  const worker = async () => {
    while (next < count) {
      const id = ids[next++]!;
      try {
        await instance.reverse(id);
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? error.message : JSON.stringify(error);
      }
    }
  };
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    count,
    concurrency,
    wallMs,
    cpuUserUs: cpu.user,
    cpuSystemUs: cpu.system,
    errors,
    ...(firstError === undefined ? {} : { firstError: firstError.slice(0, 500) }),
  };
}

serveParent(async (message) => {
  switch (message.type) {
    case 'init': {
      setup = message.setup as ClientSetup;
      // A URL held in a variable, so that the bundler leaves this import to run time.
      const module = new URL(`./clients/${name}.js`, import.meta.url).href;
      loaded = (await import(module)) as ClientModule;
      return { undiciIsGlobalDispatcher: Symbol.for('undici.globalDispatcher.1') in globalThis };
    }
    case 'open':
      client = await loaded!.open(setup!, importPackage);
      return null;
    case 'batch':
      return runBatch(client!, message.batch as BatchRequest);
    case 'close':
      await client?.close();
      client = undefined;
      return null;
    case 'extra':
      return (await loaded!.extra?.(setup!)) ?? {};
    default:
      throw new Error(`unknown command ${message.type}`);
  }
});
