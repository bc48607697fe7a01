/**
 * Decides which PostgreSQL server the project talks to. `DATABASE_URL` wins when set; otherwise
 * the embedded server under `.data/postgres` is started (or reused, when another process of the
 * project already runs it) on `EMBEDDED_PG_PORT`, with the `erp` database. With `createMissing`
 * (the default: db:migrate, dev, start, demo, seed) the database is created when the server does
 * not have it yet; the backup CLI and the worker pass `createMissing: false`, so a misspelled
 * name is reported (DB_NOT_FOUND), never created.
 * The resolved URL is written to `process.env.DATABASE_URL`, so everything started after this
 * (Prisma, the backup core, child processes) sees one value.
 */
import path from 'node:path';
import pg from 'pg';
import { databaseOf, urlWithDatabase } from './connection-url';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../../..');
export const DEFAULT_EMBEDDED_PORT = 25432; // below the ephemeral range (32768–60999)
export const EMBEDDED_DATABASE = 'erp';

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export async function createDatabaseIfMissing(serverUrl: string, database: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
  } finally {
    await admin.end();
  }
}

/** PostgreSQL's "database does not exist". */
const UNDEFINED_DATABASE = '3D000';

/** Creates the database a configured URL names when the server does not have it yet. */
async function createConfiguredDatabase(url: string): Promise<void> {
  const probe = new pg.Client({ connectionString: url });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
  } catch (error) {
    if ((error as { code?: string }).code !== UNDEFINED_DATABASE) throw error;
    await createDatabaseIfMissing(urlWithDatabase(url, 'postgres'), databaseOf(url));
  } finally {
    await probe.end().catch(() => undefined);
  }
}

export async function ensureDatabase(options: { createMissing?: boolean } = {}): Promise<DatabaseHandle> {
  const createMissing = options.createMissing ?? true;
  const configured = process.env.DATABASE_URL;
  if (configured) {
    if (createMissing) await createConfiguredDatabase(configured);
    return { url: configured, embedded: false, stop: async () => undefined };
  }

  const port = Number(process.env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error('EMBEDDED_PG_PORT must be a port number');
  const server: EmbeddedPostgresHandle = await startEmbeddedPostgres({
    dataDir: path.join(PROJECT_ROOT, '.data', 'postgres'),
    port,
  });
  if (createMissing) await createDatabaseIfMissing(server.urlFor('postgres'), EMBEDDED_DATABASE);
  const url = server.urlFor(EMBEDDED_DATABASE);
  process.env.DATABASE_URL = url;
  return { url, embedded: true, stop: () => server.stop() };
}
