// One instance of an application for the multi-instance tests (not part of the public surface):
// a ledger on the PostgreSQL database at argv[2] and a callback endpoint, driven by commands on
// stdin, one JSON line each, reporting on stdout, one JSON line each:
//   {"reverse": "REF"}  → {"reversed": "REF", "attempt": "<provider reference>", "state": "pending"}
//   {"wait": "REF"}     → {"outcome": "REF", "state": "succeeded"} once waitForOutcome resolves
//   onResult            → {"onResult": "REF", "status": "succeeded"}
// It prints {"ready": <port of the callback endpoint>} once it listens.
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { createCallbackHandler } from '@reversal/core';
import { createMockProvider } from '@reversal/core/testing';
import pg from 'pg';
import { createLedger } from '../create-ledger.js';
import { createPostgresStore } from '../postgres/create-postgres-store.js';

const print = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);
const pool = new pg.Pool({ connectionString: process.argv[2], max: 4 });
const provider = createMockProvider({ capabilities: { resultDelivery: 'callback' } });
const ledger = createLedger({ store: await createPostgresStore({ pool }), provider });
const callbacks = createCallbackHandler({
  provider,
  ledger,
  onResult: (result) => print({ onResult: result.reference, status: result.status }),
});
const server = createServer(callbacks.node).listen(0, '127.0.0.1', () => {
  const address = server.address();
  print({ ready: typeof address === 'object' && address ? address.port : 0 });
});

for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line) as { reverse?: string; wait?: string };
  if (command.reverse) {
    const entry = await ledger.reverse({ transactionId: `PAY${command.reverse}`, amount: '10.00', reference: command.reverse });
    print({ reversed: entry.reference, attempt: entry.attempts[0]!.providerReference, state: entry.state });
  }
  if (command.wait) {
    const reference = command.wait;
    void ledger.waitForOutcome(reference, { timeoutMs: 60_000 }).then((entry) => print({ outcome: reference, state: entry?.state }));
  }
}
