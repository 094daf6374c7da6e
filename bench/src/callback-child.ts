/**
 * Callback parsing rate of the Kenya adapter on one core. Real callbacks are collected first: the
 * Daraja simulator (in this process) POSTs them to a callback recorder; then `parseCallback()`
 * reads them in a loop, one at a time, for a fixed time. Usage: `callback-child.js [<checkout
 * root>]`: with a `--baseline` checkout, its adapter is measured too, mode by mode, after this one.
 */
import type * as SafaricomKe from '@reversal/safaricom-ke';
import { startDarajaSimulator, startCallbackRecorder } from '@reversal/sandbox';
import { createPackageImporter } from './lib/import-package.js';
import { serveParent } from './lib/serve-parent.js';
import { createUnsignedKenyaProvider } from './lib/unsigned-kenya-provider.js';
import { round } from './lib/stats.js';
import type { CallbackRateRow } from './protocol.js';


const SAMPLES = 200;

type Create = typeof SafaricomKe.createSafaricomKeProvider;

async function measure(mode: string, signed: boolean, parsedBody: boolean, durationMs: number, create: Create): Promise<CallbackRateRow> {
  const simulator = await startDarajaSimulator({ callbackDelayMs: 1 });
  const recorder = await startCallbackRecorder();
  const options = {
    baseUrl: simulator.baseUrl,
    consumerKey: simulator.consumerKey,
    consumerSecret: simulator.consumerSecret,
    initiatorName: simulator.initiatorName,
    initiatorPassword: simulator.initiatorPassword,
    certificate: simulator.certificatePem,
    shortCode: simulator.shortCode,
    resultUrl: `${recorder.url}/mpesa/result`,
  };
  const provider = signed
    ? create({ ...options, callbackSecret: 'bench-callback-secret-0123456789abcdef' })
    : createUnsignedKenyaProvider(create, options);
  try {
    for (let index = 0; index < SAMPLES; index++) {
      const { transactionId } = simulator.addTransaction({ amount: 200 });
      const pending = await provider.reverse({ transactionId, amount: 200 });
      if (pending.status !== 'pending') throw new Error(`reverse gave ${pending.status}`);
    }
    while (recorder.received().length < SAMPLES) await new Promise((resolve) => setTimeout(resolve, 20));
    const inputs = recorder.received().map(({ body, url, headers }) => ({
      body: parsedBody ? JSON.parse(body) : body,
      url: new URL(url).pathname + new URL(url).search,
      headers,
    }));
    for (const input of inputs) {
      const result = await provider.parseCallback(input);
      if (result.status !== 'succeeded') throw new Error(`parseCallback gave ${result.status}`);
    }
    for (let index = 0; index < 20_000; index++) await provider.parseCallback(inputs[index % SAMPLES]!);

    let count = 0;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    while (performance.now() - started < durationMs) {
      for (const input of inputs) await provider.parseCallback(input);
      count += inputs.length;
    }
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    return {
      mode,
      callbacks: count,
      callbacksPerSecond: round(count / (wallMs / 1000)),
      cpuUsPerCallback: round((cpu.user + cpu.system) / count, 2),
    };
  } finally {
    await provider.close();
    await recorder.close();
    await simulator.close();
  }
}

const MODES: readonly [mode: string, signed: boolean, parsedBody: boolean][] = [
  ['raw body (string), plain callback URL', false, false],
  ['parsed body (object), plain callback URL', false, true],
  ['raw body (string), signed callback URL (callbackSecret, HS256)', true, false],
];

const baselineRoot = process.argv[2];
const load = async (root: string | undefined) =>
  (await createPackageImporter(root)<typeof SafaricomKe>('@reversal/safaricom-ke')).createSafaricomKeProvider;

serveParent(async (message) => {
  if (message.type !== 'run') throw new Error(`unknown command ${message.type}`);
  const durationMs = Number(message.durationMs);
  const ours = await load(undefined);
  const baseline = baselineRoot === undefined ? undefined : await load(baselineRoot);
  const rows: CallbackRateRow[] = [];
  for (const [mode, signed, parsedBody] of MODES) {
    rows.push(await measure(mode, signed, parsedBody, durationMs, ours));
    if (baseline) rows.push(await measure(`${mode} (baseline)`, signed, parsedBody, durationMs, baseline));
  }
  return rows;
});
