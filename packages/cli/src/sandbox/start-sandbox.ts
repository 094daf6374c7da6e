import { randomBytes } from 'node:crypto';
import { SAFARICOM_KE_ENVIRONMENT } from '@reversal/safaricom-ke';
import { type CallbackDelivery, type DarajaScenario, startDarajaSimulator, startVodacomMzSimulator } from '@reversal/sandbox';
import { mzScenario, type SeedTransaction } from './sandbox-scenarios.js';

/** What `reversal sandbox` starts, after its options were checked. */
export interface SandboxSettings {
  readonly kenya: boolean;
  readonly mozambique: boolean;
  /** Delay before Daraja callbacks, in ms. */
  readonly callbackDelayMs?: number;
  /** `'standard'` (18354/18353), explicit ports, or ephemeral ports when absent. */
  readonly mozambiquePorts?: 'standard' | { readonly reversal: number; readonly status: number };
  /** The application's result URL, printed with the Kenya variables. */
  readonly resultUrl?: string;
  readonly kenyaTransactions: readonly SeedTransaction[];
  readonly mozambiqueTransactions: readonly SeedTransaction[];
  /** Called for each callback the Daraja simulator could not deliver (no answer, or not 2xx). */
  readonly onDeliveryFailure?: (delivery: CallbackDelivery) => void;
}

/** One running simulator as `reversal sandbox` describes it (also its `--json` output). */
export interface SandboxProvider {
  readonly name: string;
  /** The endpoints, e.g. `{ reversal: 'http://127.0.0.1:…/mpesa/reversal/v1/request' }`. */
  readonly urls: Readonly<Record<string, string>>;
  /** The variables for `registry.fromEnv()` (and `reversal reverse`) that target this simulator. */
  readonly environment: Readonly<Record<string, string>>;
  /** The seeded transactions, with their currency. */
  readonly transactions: readonly (SeedTransaction & { readonly currency: string })[];
}

/** The running simulators, by provider id; see {@link startSandbox}. */
export interface RunningSandbox {
  readonly providers: Readonly<Record<string, SandboxProvider>>;
  /** Stops every simulator (pending callbacks dropped, late answers cancelled). */
  close(): Promise<void>;
}

/** Starts the simulators the settings ask for on loopback and seeds their ledgers. */
export async function startSandbox(settings: SandboxSettings): Promise<RunningSandbox> {
  const closers: (() => Promise<void>)[] = [];
  const providers: Record<string, SandboxProvider> = {};
  const close = async () => {
    await Promise.allSettled(closers.map((closeOne) => closeOne()));
  };
  try {
    if (settings.kenya) {
      const daraja = await startDarajaSimulator({
        ...(settings.callbackDelayMs !== undefined ? { callbackDelayMs: settings.callbackDelayMs } : {}),
        ...(settings.onDeliveryFailure ? { onDeliveryFailure: settings.onDeliveryFailure } : {}),
      });
      const url = daraja.baseUrl;
      closers.push(() => daraja.close());
      for (const seed of settings.kenyaTransactions) {
        daraja.addTransaction({ ...seed, scenario: seed.scenario as DarajaScenario });
      }
      const certificate = SAFARICOM_KE_ENVIRONMENT.certificate!.name;
      const resultUrl = SAFARICOM_KE_ENVIRONMENT.resultUrl!.name;
      const callbackSecret = SAFARICOM_KE_ENVIRONMENT.callbackSecret!.name;
      providers['safaricom-ke'] = {
        name: 'Safaricom M-Pesa Kenya (Daraja simulator)',
        urls: { base: url, oauth: `${url}/oauth/v1/generate`, reversal: `${url}/mpesa/reversal/v1/request` },
        environment: {
          ...daraja.environment,
          // One line, as environment variables usually hold PEM; the adapter reads the \n escapes.
          [certificate]: daraja.certificatePem.trim().replaceAll('\r', '').replaceAll('\n', '\\n'),
          ...(settings.resultUrl ? { [resultUrl]: settings.resultUrl } : {}),
          // Fresh for each sandbox (what `openssl rand -base64 32` makes): callbacks carry tokens signed with it.
          [callbackSecret]: randomBytes(32).toString('base64'),
        },
        transactions: settings.kenyaTransactions.map((seed) => ({ ...seed, currency: 'KES' })),
      };
    }
    if (settings.mozambique) {
      const simulator = await startVodacomMzSimulator(
        settings.mozambiquePorts ? { ports: settings.mozambiquePorts } : {},
      );
      closers.push(() => simulator.close());
      for (const seed of settings.mozambiqueTransactions) {
        const scenario = mzScenario(seed.scenario);
        simulator.addTransaction({ transactionId: seed.transactionId, amount: seed.amount, ...(scenario ? { scenario } : {}) });
      }
      const { baseUrl, ports } = simulator;
      providers['vodacom-mz'] = {
        name: 'Vodacom M-Pesa Mozambique (simulator)',
        urls: {
          reversal: `${baseUrl}:${ports.reversal}/ipg/v1x/reversal/`,
          status: `${baseUrl}:${ports.status}/ipg/v1x/queryTransactionStatus/`,
        },
        environment: { ...simulator.environment },
        transactions: settings.mozambiqueTransactions.map((seed) => ({ ...seed, currency: 'MZN' })),
      };
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { providers, close };
}
