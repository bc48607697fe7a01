/**
 * Applies the SQL migrations in `prisma/migrations/<timestamp>_<name>/migration.sql` without
 * Prisma's schema engine, and records them in `_prisma_migrations` exactly as Prisma does
 * (same table, same SHA-256 checksum of the file), so `prisma migrate deploy` on a machine that
 * has the engine sees them as applied. Each pending migration runs in its own transaction under
 * Prisma's advisory lock; a failure rolls that migration back and stops.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

/** The lock id Prisma Migrate itself takes, so the two never run at once. */
const PRISMA_MIGRATE_LOCK_ID = 72707369;

/**
 * Resolved from the working directory (the project root for every entry point). The
 * `turbopackIgnore` marks keep Next's file tracer from guessing which files these run-time paths
 * reach (it would take the whole project, backups included); next.config.js ships
 * prisma/migrations explicitly (outputFileTracingIncludes).
 */
export const MIGRATIONS_DIR = path.resolve(/* turbopackIgnore: true */ process.cwd(), 'prisma/migrations');

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface AppliedMigration {
  name: string;
  checksum: string;
}

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export async function readMigrationFiles(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(/* turbopackIgnore: true */ dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

/** Migrations that finished and were not rolled back, in order. Empty when the table is missing. */
export async function readAppliedMigrations(client: pg.ClientBase): Promise<AppliedMigration[]> {
  const exists = await client.query<{ present: boolean }>(`SELECT to_regclass('"public"."_prisma_migrations"') IS NOT NULL AS present`);
  if (!exists.rows[0]?.present) return [];
  const { rows } = await client.query<{ migration_name: string; checksum: string }>(
    `SELECT migration_name, checksum FROM "public"."_prisma_migrations"
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return rows.map((r) => ({ name: r.migration_name, checksum: r.checksum }));
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

export async function migrate(databaseUrl: string, options: { dir?: string; log?: (line: string) => void } = {}): Promise<MigrateResult> {
  const log = options.log ?? (() => undefined);
  const files = await readMigrationFiles(options.dir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_ID]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const failed = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NULL AND rolled_back_at IS NULL`,
    );
    if (failed.rows.length > 0) {
      throw new Error(`Migration ${failed.rows[0]!.migration_name} failed earlier; resolve it before migrating again.`);
    }
    const applied = new Map((await readAppliedMigrations(client)).map((m) => [m.name, m.checksum]));
    const done: string[] = [];
    for (const file of files) {
      const checksum = applied.get(file.name);
      if (checksum !== undefined) {
        if (checksum !== file.checksum) log(`warning: migration ${file.name} was modified after it was applied`);
        continue;
      }
      log(`applying ${file.name}`);
      await client.query('BEGIN');
      try {
        const startedAt = new Date();
        await client.query(file.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, $4, 1)`,
          [randomUUID(), file.checksum, file.name, startedAt],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${file.name} failed and was rolled back: ${(error as Error).message}`, { cause: error });
      }
      done.push(file.name);
    }
    return { applied: done, alreadyApplied: files.length - done.length };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_ID]).catch(() => undefined);
    await client.end();
  }
}
