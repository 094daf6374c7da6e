import { randomBytes } from 'node:crypto';
import { createSafaricomKeProvider, type SafaricomKeProvider } from '@reversal/safaricom-ke';
import { startDarajaSimulator, type DarajaSimulator } from '@reversal/sandbox';

/** A local Daraja simulator and a Kenya provider talking to it, for the demos and their tests. */
export interface DarajaSandbox {
  readonly daraja: DarajaSimulator;
  /** Reverses against the simulator; its callbacks go to the `resultUrl` given to {@link startDarajaSandbox}. */
  readonly provider: SafaricomKeProvider;
  /** The options of {@link DarajaSandbox.provider}, as the MPESA_KE_* environment variables. */
  readonly environment: Readonly<Record<string, string>>;
  /** Records a customer's payment at the simulator; returns its M-Pesa receipt (transaction id). */
  pay(amount: number): string;
  close(): Promise<void>;
}

/** Starts the simulator; the provider signs its callback URLs (`callbackSecret`), as in production. */
export async function startDarajaSandbox(resultUrl: string): Promise<DarajaSandbox> {
  const daraja = await startDarajaSimulator({ callbackDelayMs: 20 });
  const callbackSecret = randomBytes(32).toString('hex');
  const provider = createSafaricomKeProvider({ ...daraja.providerOptions, resultUrl, callbackSecret });
  return {
    daraja,
    provider,
    environment: {
      ...daraja.environment,
      MPESA_KE_RESULT_URL: resultUrl,
      MPESA_KE_CALLBACK_SECRET: callbackSecret,
    },
    pay: (amount) => daraja.addTransaction({ amount }).transactionId,
    async close() {
      await provider.close();
      await daraja.close();
    },
  };
}
