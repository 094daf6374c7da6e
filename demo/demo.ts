/**
 * `pnpm demo`: the library doing its job, end to end, on this machine and without credentials.
 *
 * It starts both provider simulators of `@reversal/sandbox` on loopback, builds the Kenya and
 * Mozambique providers from configuration alone, receives the Kenya callbacks on a local endpoint,
 * runs a short story of reversals and prints the normalised results.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCallbackHandler, createProviderRegistry, type ReversalProvider, type ReversalResult } from '@reversal/core';
import { createLedger, createPgliteStore, type LedgerEntry } from '@reversal/ledger';
import { safaricomKe } from '@reversal/safaricom-ke';
import { startDarajaSimulator, startVodacomMzSimulator } from '@reversal/sandbox';
import { vodacomMz } from '@reversal/vodacom-mz';
import { printTable, type Row } from './print-table.js';

const daraja = await startDarajaSimulator({ callbackDelayMs: 50 });
// 2048-bit keys start faster than Vodacom's 4096-bit ones; the adapter handles both.
const mozambique = await startVodacomMzSimulator({ keyBits: 2048 });

// One configuration object per country: this is all that differs between them.
const registry = createProviderRegistry([safaricomKe, vodacomMz]);
const callbacks = createServer();
await new Promise<void>((resolve) => callbacks.listen(0, '127.0.0.1', resolve));
const callbackBase = `http://127.0.0.1:${(callbacks.address() as AddressInfo).port}`;

const kenya = registry.create({
  provider: 'safaricom-ke',
  ...daraja.providerOptions,
  resultUrl: `${callbackBase}/mpesa/reversal/result`,
  callbackSecret: 'demo-callback-secret-0123456789abcdef',
});
const mz = registry.create({ provider: 'vodacom-mz', ...mozambique.providerOptions, timeoutMs: 2_000 });

// Kenya's outcomes arrive by callback: one endpoint receives them and records them for waitForResult.
const endpoint = createCallbackHandler({ provider: kenya, onResult: () => {} });
callbacks.on('request', endpoint.node);

const rows: Row[] = [];
const record = (country: string, step: string, result: ReversalResult | undefined) => {
  if (result) rows.push({ country, step, result });
};
/** A ledger entry as a row: its deciding result, under the caller's reference. */
const recordEntry = (country: string, step: string, entry: LedgerEntry) => {
  if (entry.result) record(country, step, { ...entry.result, reference: entry.reference });
};

// The ledger's embedded store: a PGlite directory (DEMO_LEDGER_DIR to keep one; a temporary one by default).
const ledgerDirectory = process.env.DEMO_LEDGER_DIR ?? mkdtempSync(join(tmpdir(), 'reversal-demo-ledger-'));

/** Reverses with a callback provider and waits for the outcome, as a simple application would. */
async function reverseAndWait(provider: ReversalProvider, request: Parameters<ReversalProvider['reverse']>[0]) {
  const accepted = await provider.reverse(request);
  if (accepted.status !== 'pending') return accepted;
  return endpoint.waitForResult(accepted.reference, { timeoutMs: 5_000 });
}

try {
  // 1. A full reversal in each country.
  daraja.addTransaction({ transactionId: 'SKC82PACB8', amount: '200' });
  record('Kenya', 'full reversal', await reverseAndWait(kenya, { transactionId: 'SKC82PACB8', amount: '200', reference: 'KE1', reason: 'Paid twice' }));
  const payment = mozambique.addTransaction({ amount: '1500.00' }).transactionId;
  record('Mozambique', 'full reversal', await mz.reverse({ transactionId: payment, reference: 'MZ1', reason: 'Service not delivered' }));

  // 2. The same payment again: already reversed.
  record('Kenya', 'already reversed', await reverseAndWait(kenya, { transactionId: 'SKC82PACB8', amount: '200', reference: 'KE2' }));

  // 3. A partial reversal in Mozambique, then more than what is left.
  const partial = mozambique.addTransaction({ amount: '1000.00' }).transactionId;
  record('Mozambique', 'partial reversal', await mz.reverse({ transactionId: partial, amount: '250.50', reference: 'MZ2' }));
  record('Mozambique', 'more than is left', await mz.reverse({ transactionId: partial, amount: '800.00', reference: 'MZ3' }));

  // 4. Insufficient funds in the merchant account.
  daraja.addTransaction({ transactionId: 'SKD11BROKE', amount: '5000', scenario: 'insufficient-funds' });
  record('Kenya', 'insufficient funds', await reverseAndWait(kenya, { transactionId: 'SKD11BROKE', amount: '5000', reference: 'KE3' }));

  // 5. No answer in time: the outcome is unknown (never "failed"), then a status check resolves it.
  const slow = mozambique.addTransaction({ amount: '300.00' }).transactionId;
  mozambique.addScenario({ transactionId: slow, delayMs: 3_000 });
  const unknown = await mz.reverse({ transactionId: slow, reference: 'MZ4' });
  record('Mozambique', 'timeout', unknown);
  if (unknown.status === 'unknown' && mz.checkStatus) record('Mozambique', 'status check', await mz.checkStatus(unknown));

  // 6. A Kenya callback that never comes: pending for ever, until a status check (Daraja's
  //    Transaction Status) settles it. Its answer arrives by callback, for the reversal's reference.
  daraja.addTransaction({ transactionId: 'SKE31LOST0', amount: '150', scenario: 'no-callback' });
  const silent = await kenya.reverse({ transactionId: 'SKE31LOST0', amount: '150', reference: 'KE4' });
  record('Kenya', 'callback lost', silent);
  if (silent.status === 'pending' && kenya.checkStatus) {
    await endpoint.deliver(silent); // recorded as the reference's current result until the answer comes
    await kenya.checkStatus(silent); // still pending: the status answer comes by callback
    record('Kenya', 'status check', await endpoint.waitForResult(silent.reference, { timeoutMs: 5_000 }));
  }

  // 7. The ledger: the reversal is recorded durably before it is sent. After a restart (the store
  //    closed and opened again), the same reference is answered from the record: nothing is sent.
  const refund = mozambique.addTransaction({ amount: '75.00' }).transactionId;
  const before = await createPgliteStore({ directory: ledgerDirectory });
  recordEntry('Mozambique', 'ledger: reversed', await createLedger({ store: before, provider: mz }).reverse({ transactionId: refund, amount: '75.00', reference: 'MZ5' }));
  await before.close();
  const after = await createPgliteStore({ directory: ledgerDirectory });
  const sentBefore = mozambique.requests().length;
  const again = await createLedger({ store: after, provider: mz }).reverse({ transactionId: refund, amount: '75.00', reference: 'MZ5' });
  if (mozambique.requests().length !== sentBefore) throw new Error('the ledger sent the reversal again after a restart');
  recordEntry('Mozambique', 'after a restart', again);
  await after.close();

  console.log('Reversals through one API, against local simulators of Daraja (Kenya) and Vodacom (Mozambique):\n');
  printTable(rows);
  console.log('\nEvery row is the same ReversalResult model; Kenya outcomes (and status answers) arrived by callback on a local endpoint.');
  console.log('The ledger (embedded PGlite) recorded MZ5 before sending; after a restart the same reference sent nothing.');
} finally {
  await Promise.all([kenya.close?.(), mz.close?.(), daraja.close(), mozambique.close()]);
  callbacks.closeAllConnections();
  callbacks.close();
  if (!process.env.DEMO_LEDGER_DIR) rmSync(ledgerDirectory, { recursive: true, force: true });
}
