import type { ClientName, Country } from '../protocol.js';
import { type Harness, measuredBatch } from './throughput.js';

/** How one client's request body compares with the adapter's. */
export interface BodyComparison {
  readonly client: ClientName;
  /** Fields whose presence or value differs from the adapter's body (ids and credentials normalised). */
  readonly differences: readonly string[];
}

/** The body a client sent, with what must differ between two requests (ids, randomised credentials) blanked. */
function normalise(body: unknown, id: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    fields[key] = key === 'SecurityCredential' ? '<encrypted>' : JSON.stringify(value).replaceAll(id, '<id>');
  }
  return fields;
}

/**
 * Sends one reversal per client and compares what the simulator received with the adapter's
 * request: the baseline must send the identical body, and any difference of a peer is reported.
 */
export async function compareBodies(harness: Harness, country: Country, clients: readonly ClientName[]): Promise<BodyComparison[]> {
  const bodies = new Map<ClientName, Record<string, string>>();
  for (const client of clients) {
    await harness.children[client]!.call({ type: 'open' });
    await measuredBatch(harness, country, client, 1, 1);
    await harness.children[client]!.call({ type: 'close' });
    const [received] = await harness.server.call<{ body: unknown }[]>({ type: 'last-requests', country, count: 1 });
    const body = (received?.body ?? {}) as Record<string, unknown>;
    const id = String(body.TransactionID ?? body.input_TransactionID ?? '');
    bodies.set(client, normalise(body, id));
  }
  const reference = bodies.get(clients[0]!)!;
  return clients.slice(1).map((client) => {
    const body = bodies.get(client)!;
    const keys = new Set([...Object.keys(reference), ...Object.keys(body)]);
    const differences = [...keys]
      .filter((key) => reference[key] !== body[key])
      .map((key) => `${key}: ${reference[key] ?? '(absent)'} vs ${body[key] ?? '(absent)'}`);
    return { client, differences };
  });
}
