/**
 * `pnpm demo:real`: the same library against a provider's REAL sandbox, with your credentials.
 * Never run in CI. Configuration is the environment alone (see the adapters' READMEs):
 *
 *   REVERSAL_PROVIDER=safaricom-ke | vodacom-mz, plus that adapter's MPESA_KE_* / MPESA_MZ_* variables
 *   DEMO_TRANSACTION_ID   the receipt of a sandbox payment to reverse
 *   DEMO_AMOUNT           its amount (Kenya: required, the full amount; Mozambique: optional, partial)
 *   DEMO_CALLBACK_PORT    Kenya only: local port of the callback endpoint (default 3000); your
 *                         MPESA_KE_RESULT_URL must reach it from the internet (e.g. through a tunnel)
 */
import { createServer } from 'node:http';
import { createCallbackHandler, createProviderRegistry, ReversalError } from '@reversal/core';
import { safaricomKe } from '@reversal/safaricom-ke';
import { vodacomMz } from '@reversal/vodacom-mz';

const { DEMO_TRANSACTION_ID: transactionId, DEMO_AMOUNT: amount, DEMO_CALLBACK_PORT: port = '3000' } = process.env;

try {
  if (!transactionId) throw new Error('Set DEMO_TRANSACTION_ID to the receipt of a sandbox payment to reverse.');
  const provider = createProviderRegistry([safaricomKe, vodacomMz]).fromEnv(process.env);
  const callbacks = createCallbackHandler({ provider, onResult: () => {} });
  const server = createServer(callbacks.node);
  if (provider.capabilities.resultDelivery === 'callback') {
    await new Promise<void>((resolve) => server.listen(Number(port), resolve));
    console.log(`Receiving callbacks on port ${port}; MPESA_KE_RESULT_URL must reach it.`);
  }
  const result = await provider.reverse({ transactionId, ...(amount ? { amount } : {}), reason: 'Demo reversal' });
  console.log('reverse():', JSON.stringify(result, null, 2));
  if (result.status === 'pending') {
    console.log('Waiting up to 60 s for the callback…');
    console.log('outcome:', JSON.stringify(await callbacks.waitForResult(result.reference, { timeoutMs: 60_000 }), null, 2));
  }
  server.close();
  await provider.close?.();
} catch (error) {
  console.error(ReversalError.isInstance(error) ? error.message : String(error));
  process.exitCode = 1;
}
