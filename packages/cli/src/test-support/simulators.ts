import { createServer } from 'node:net';
import type { DarajaSimulator, VodacomMzSimulator } from '@reversal/sandbox';

/** A TCP port free right now on 127.0.0.1 (for a callback listener or a closed endpoint). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The callback secret of the Kenya test environment (what `openssl rand -base64 32` makes). */
export const KENYA_CALLBACK_SECRET = 'Ht3lJ1mHq0n9o5cV8wq2YkZ0bq7m1YzR0a9C6cEw2xU=';

/** The variables that point `reversal` at a Daraja simulator, with the password (or a credential). */
export function kenyaEnvironment(daraja: DarajaSimulator, resultUrl: string): Record<string, string> {
  return { ...daraja.environment, MPESA_KE_RESULT_URL: resultUrl, MPESA_KE_CALLBACK_SECRET: KENYA_CALLBACK_SECRET };
}

/** The variables that point `reversal` at a Vodacom Mozambique simulator. */
export function mozambiqueEnvironment(simulator: VodacomMzSimulator): Record<string, string> {
  return { ...simulator.environment };
}

/** Every secret of the two simulators: none may ever appear in the tool's output. */
export function simulatorSecrets(daraja: DarajaSimulator, simulator: VodacomMzSimulator): string[] {
  return [daraja.consumerSecret, daraja.initiatorPassword, KENYA_CALLBACK_SECRET, simulator.apiKey, simulator.securityCredential];
}
