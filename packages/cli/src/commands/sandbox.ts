import { resolve } from 'node:path';
import { CliError, usageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { type OptionTable, parseCommandArgs } from '../parse-command-args.js';
import { describeFailedDelivery } from '../sandbox/describe-failed-delivery.js';
import { describeSandbox, writeEnvironmentFiles } from '../sandbox/describe-sandbox.js';
import { parseTransactionOption } from '../sandbox/parse-transaction-option.js';
import { KE_SCENARIOS, KE_SEEDS, MZ_SEEDS, mzScenario, type SeedTransaction } from '../sandbox/sandbox-scenarios.js';
import { type RunningSandbox, startSandbox } from '../sandbox/start-sandbox.js';
import { sandboxHelp } from './sandbox-help.js';

const OPTIONS = {
  providers: { type: 'string' },
  'mz-reversal-port': { type: 'string' },
  'mz-status-port': { type: 'string' },
  'mz-standard-ports': { type: 'boolean' },
  'callback-delay': { type: 'string' },
  'ke-transaction': { type: 'string', multiple: true },
  'mz-transaction': { type: 'string', multiple: true },
  'result-url': { type: 'string' },
  'write-env': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies OptionTable;

const PROVIDER_IDS = ['safaricom-ke', 'vodacom-mz'];

/** `reversal sandbox`: runs the simulators until the signal aborts (SIGINT/SIGTERM), then exits 0. */
export async function sandboxCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseCommandArgs('sandbox', args, OPTIONS);
  if (values.help) {
    io.stdout.write(sandboxHelp());
    return 0;
  }
  const providers = ((values.providers as string | undefined) ?? PROVIDER_IDS.join(',')).split(',').map((id) => id.trim());
  const unknown = providers.filter((id) => !PROVIDER_IDS.includes(id));
  if (unknown.length > 0 || providers.length === 0) {
    throw usageError('sandbox', `--providers takes ${PROVIDER_IDS.join(', ')} (comma-separated), not "${unknown.join(',')}".`);
  }
  const port = (option: string) => {
    const text = values[option] as string | undefined;
    if (text === undefined) return undefined;
    if (!/^\d{1,5}$/.test(text) || Number(text) > 65_535) throw usageError('sandbox', `--${option} must be a port number (0-65535).`);
    return Number(text);
  };
  const reversalPort = port('mz-reversal-port');
  const statusPort = port('mz-status-port');
  if (values['mz-standard-ports'] && (reversalPort !== undefined || statusPort !== undefined)) {
    throw usageError('sandbox', 'Give either --mz-standard-ports or --mz-reversal-port/--mz-status-port, not both.');
  }
  const delay = values['callback-delay'] as string | undefined;
  if (delay !== undefined && !(/^\d{1,7}$/.test(delay))) {
    throw usageError('sandbox', '--callback-delay must be a whole number of milliseconds (0-9999999).');
  }
  const specs = (option: string, isScenario: (name: string) => boolean, names: string) =>
    ((values[option] as string[] | undefined) ?? []).map((spec) => parseTransactionOption(`--${option}`, spec, isScenario, names));

  let sandbox: RunningSandbox;
  try {
    sandbox = await startSandbox({
      kenya: providers.includes('safaricom-ke'),
      mozambique: providers.includes('vodacom-mz'),
      ...(delay !== undefined ? { callbackDelayMs: Number(delay) } : {}),
      ...(values['mz-standard-ports']
        ? { mozambiquePorts: 'standard' as const }
        : reversalPort !== undefined || statusPort !== undefined
          ? { mozambiquePorts: { reversal: reversalPort ?? 0, status: statusPort ?? 0 } }
          : {}),
      ...(values['result-url'] ? { resultUrl: values['result-url'] as string } : {}),
      // The simulator does not redeliver (whether Daraja does is undocumented): say what was lost.
      onDeliveryFailure: (delivery) => io.stderr.write(describeFailedDelivery(delivery)),
      kenyaTransactions: merge(KE_SEEDS, specs('ke-transaction', (name) => KE_SCENARIOS.has(name), [...KE_SCENARIOS].join(', '))),
      mozambiqueTransactions: merge(
        MZ_SEEDS,
        specs('mz-transaction', (name) => mzScenario(name) !== null, 'success, INS-<n>, internal-error-applied, unknown-status-applied, late, malformed-header'),
      ),
    });
  } catch (error) {
    throw asPortError(error);
  }

  try {
    const envFiles = values['write-env']
      ? await writeEnvironmentFiles(resolve(io.cwd ?? process.cwd(), values['write-env'] as string), sandbox.providers)
      : [];
    if (values.json) io.stdout.write(`${JSON.stringify({ providers: sandbox.providers, envFiles })}\n`);
    else io.stdout.write(describeSandbox(sandbox.providers, envFiles));
    await untilAborted(io.signal);
    if (!values.json) io.stderr.write('Sandbox stopped.\n');
    return 0;
  } finally {
    await sandbox.close();
  }
}

// The user's transactions replace seeds with the same id, as the simulators' ledgers do.
function merge(seeds: readonly SeedTransaction[], own: readonly SeedTransaction[]): SeedTransaction[] {
  const ids = new Set(own.map((seed) => seed.transactionId));
  return [...seeds.filter((seed) => !ids.has(seed.transactionId)), ...own];
}

function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return new Promise(() => {});
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

function asPortError(error: unknown): unknown {
  const { code, port } = error as { code?: string; port?: number };
  if (code !== 'EADDRINUSE' && code !== 'EACCES') return error;
  const reason = code === 'EADDRINUSE' ? 'is already in use' : 'needs privileges';
  return new CliError('configuration', `Port ${port ?? ''} ${reason}; the sandbox did not start.`, {
    hint: 'Choose other ports (--mz-reversal-port, --mz-status-port), leave them out for free ones, or stop the process using it.',
  });
}
