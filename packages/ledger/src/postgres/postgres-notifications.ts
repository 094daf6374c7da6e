import type { SqlNotifications } from '../sql/sql-client.js';
import type { PostgresPool, PostgresPoolClient } from './create-postgres-store.js';

/** The channel the ledger's entries announce their changes on. */
const CHANNEL = 'reversal_ledger';
const RECONNECT_MS = 1_000;

/**
 * LISTEN/NOTIFY through a pool: one connection of the pool listens while this process has
 * listeners, and is given back when the last one stops. A lost connection is replaced after a
 * second while listeners remain (waiters fall back on their timeout for what passed meanwhile).
 */
export function postgresNotifications(pool: PostgresPool): SqlNotifications {
  const listeners = new Set<(payload: string | undefined) => void>();
  let connection: Promise<PostgresPoolClient> | undefined;

  const drop = (client: PostgresPoolClient) => {
    connection = undefined;
    client.release(true);
    if (listeners.size > 0) setTimeout(() => void open().catch(() => {}), RECONNECT_MS).unref();
  };
  const open = (): Promise<PostgresPoolClient> => {
    connection ??= (async () => {
      const client = await pool.connect();
      if (typeof client.on !== 'function') {
        client.release();
        throw new TypeError('The pool’s clients cannot receive notifications (no `on`): pass a pg Pool.');
      }
      client.on('notification', (message) => {
        if (message.channel !== CHANNEL) return;
        for (const listener of [...listeners]) listener(message.payload);
      });
      client.on('error', () => drop(client));
      await client.query(`LISTEN ${CHANNEL}`);
      return client;
    })();
    connection.catch(() => {
      connection = undefined;
    });
    return connection;
  };

  return {
    async notify(tx, payload) {
      await tx.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);
    },
    async listen(listener) {
      const entry = (payload: string | undefined) => {
        try {
          listener(payload);
        } catch {
          // A listener's failure is its own.
        }
      };
      listeners.add(entry);
      try {
        await open();
      } catch (error) {
        listeners.delete(entry);
        throw error;
      }
      return async () => {
        listeners.delete(entry);
        if (listeners.size > 0 || !connection) return;
        const closing = connection;
        connection = undefined;
        const client = await closing.catch(() => undefined);
        if (!client) return;
        const unlistened = await client.query(`UNLISTEN ${CHANNEL}`).then(
          () => true,
          () => false,
        );
        client.release(unlistened ? undefined : true);
      };
    },
  };
}
