/**
 * The bench's databases on one server: the seeded source, a migrated empty template, and
 * throw-away restore targets copied from it (CREATE DATABASE … TEMPLATE, outside the timings).
 */
import pg from 'pg';
import { urlWithDatabase } from '../src/lib/db/connection-url';
import { migrate } from '../src/lib/db/migrations';

/** Runs `run` with a client connected to `url`, closed afterwards. */
export async function withClient<T>(url: string, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Runs `run` on the server's `postgres` database (to create and drop the others). */
export function admin<T>(serverUrl: string, run: (c: pg.Client) => Promise<T>): Promise<T> {
  return withClient(urlWithDatabase(serverUrl, 'postgres'), run);
}

/** (Re)creates database `name`, empty, or migrated, or as a copy of `template`; returns its URL. */
export async function freshDatabase(serverUrl: string, name: string, from: { migrated?: boolean; template?: string } = {}): Promise<string> {
  await admin(serverUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}${from.template ? ` TEMPLATE ${c.escapeIdentifier(from.template)}` : ''}`);
  });
  const url = urlWithDatabase(serverUrl, name);
  if (from.migrated) await migrate(url);
  return url;
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`));
}

export async function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  return admin(serverUrl, async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);
}

/** Writes dirty buffers out, so one timed step does not pay for the previous one's writes. */
export async function checkpoint(serverUrl: string): Promise<void> {
  await admin(serverUrl, (c) => c.query('CHECKPOINT'));
}
