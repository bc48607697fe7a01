/**
 * Opens a dedicated `pg` connection for one job (dump, restore, lock, scratch database), named
 * with `application_name` so it can be found in pg_stat_activity. A refused connection becomes
 * DatabaseUnavailableError saying what it was for; a connection that drops later surfaces through
 * the query or stream using it, never as an unhandled 'error' event.
 */
import pg from 'pg';
import { DatabaseUnavailableError } from '../errors';

export async function connectFor(url: string, applicationName: string, purpose: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: applicationName });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseUnavailableError(`could not connect to the database ${purpose}`, { cause: error });
  }
  return client;
}
