/**
 * Callback parsing rate of the Kenya adapter on one core. Real callbacks are collected first: the
 * Daraja simulator (in this process) POSTs them to a callback recorder; then `parseCallback()`
 * reads them in a loop, one at a time, for a fixed time.
 */
import { createSafaricomKeProvider } from '@reversal/safaricom-ke';
import { startDarajaSimulator, startCallbackRecorder } from '@reversal/sandbox';
import { serveParent } from './lib/serve-parent.js';
import { round } from './lib/stats.js';
import type { CallbackRateRow } from './protocol.js';


const SAMPLES = 200;

async function measure(mode: string, signed: boolean, parsedBody: boolean, durationMs: number): Promise<CallbackRateRow> {
  const simulator = await startDarajaSimulator({ callbackDelayMs: 1 });
  const recorder = await startCallbackRecorder();
  const provider = createSafaricomKeProvider({
    baseUrl: simulator.baseUrl,
    consumerKey: simulator.consumerKey,
    consumerSecret: simulator.consumerSecret,
    initiatorName: simulator.initiatorName,
    initiatorPassword: simulator.initiatorPassword,
    certificate: simulator.certificatePem,
    shortCode: simulator.shortCode,
    resultUrl: `${recorder.url}/mpesa/result`,
    ...(signed ? { callbackSecret: 'bench-callback-secret-0123456789abcdef' } : { unsignedCallbacks: true }),
  });
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

serveParent(async (message) => {
  if (message.type !== 'run') throw new Error(`unknown command ${message.type}`);
  const durationMs = Number(message.durationMs);
  return [
    await measure('raw body (string), plain callback URL', false, false, durationMs),
    await measure('parsed body (object), plain callback URL', false, true, durationMs),
    await measure('raw body (string), signed callback URL (callbackSecret, HS256)', true, false, durationMs),
  ];
});
