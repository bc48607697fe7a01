/**
 * Opens a dedicated `pg` connection for one job (dump, restore, lock, scratch database), named
 * with `application_name` so it can be found in pg_stat_activity. A refused connection becomes
 * DatabaseUnavailableError saying what it was for; a connection that drops later surfaces through
 * the query or stream using it, never as an unhandled 'error' event. `connectCuttable` also keeps
 * the TCP socket it hands to `pg` (pg's documented `stream` option), so a caller whose clean
 * `end()` is stuck can cut the connection; with TLS, pg wraps that socket, and destroying it
 * closes the TLS stream too.
 */
import net from 'node:net';
import pg from 'pg';
import { DatabaseUnavailableError } from '../errors';

export async function connectFor(url: string, applicationName: string, purpose: string, socket?: net.Socket): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: applicationName, ...(socket ? { stream: () => socket } : {}) });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseUnavailableError(`could not connect to the database ${purpose}`, { cause: error });
  }
  return client;
}

export interface CuttableConnection {
  client: pg.Client;
  /** Destroys the connection's socket at once: for when `client.end()` does not finish. */
  cut(): void;
}

export async function connectCuttable(url: string, applicationName: string, purpose: string): Promise<CuttableConnection> {
  const socket = new net.Socket();
  const client = await connectFor(url, applicationName, purpose, socket);
  return { client, cut: () => socket.destroy() };
}
