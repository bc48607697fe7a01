/**
 * Checks, without changing anything, that a database is ready for the backup module before a
 * door (the CLI, the worker) does any work: it exists and accepts the credentials (else
 * DB_NOT_FOUND, DB_AUTH_FAILED or DB_UNAVAILABLE), and it is migrated — the module's own tables
 * are there and every migration of this version is applied (else DB_NOT_MIGRATED, naming
 * `npm run db:migrate`). Backups and restores never migrate or create a database themselves:
 * only `npm run db:migrate`, `dev`, `start` and `demo` do (docs/decisions/009-layers.md).
 */
import pg from 'pg';
import { readAppliedMigrations, readMigrationFiles } from '../../db/migrations';
import { DatabaseNotMigratedError, DatabaseUnavailableError, toBackupError } from '../errors';

/** The tables the module keeps its own history in, and the migrations table. */
export const MODULE_TABLES = ['_prisma_migrations', 'Backup', 'BackupOperation', 'AuditLog'] as const;

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: 'erp-backup-check' });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    const known = toBackupError(error);
    if (known.code !== 'INTERNAL') throw known;
    throw new DatabaseUnavailableError(`could not connect (${(error as Error).message})`, { cause: error });
  }
}

/** The database exists and accepts the credentials (verify --trial of a file needs no more). */
export async function assertDatabaseReachable(url: string): Promise<void> {
  await (await connect(url)).end().catch(() => undefined);
}

/** Migrations of this version not applied to the database; none when the files are not shipped. */
async function pendingMigrations(client: pg.Client): Promise<string[]> {
  const files = await readMigrationFiles().catch(() => []);
  const applied = new Set((await readAppliedMigrations(client)).map((m) => m.name));
  return files.map((f) => f.name).filter((name) => !applied.has(name));
}

export async function assertDatabaseReady(url: string): Promise<void> {
  const client = await connect(url);
  try {
    const { rows } = await client.query<{ name: string; present: boolean }>(
      `SELECT name, to_regclass(quote_ident(name)) IS NOT NULL AS present FROM unnest($1::text[]) AS name`,
      [MODULE_TABLES],
    );
    const missing = rows.filter((r) => !r.present).map((r) => r.name);
    if (missing.length > 0) throw new DatabaseNotMigratedError(`missing tables: ${missing.join(', ')}`);
    const pending = await pendingMigrations(client);
    if (pending.length > 0) throw new DatabaseNotMigratedError(`${pending.length} migration(s) not applied, the first ${pending[0]}`);
  } catch (error) {
    throw toBackupError(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}
