/**
 * The CLI changes nothing but data: it never creates a database, never migrates one, and names
 * what is wrong with the database it was given — a misspelled name (DB_NOT_FOUND), a database
 * that was never migrated or is behind (DB_NOT_MIGRATED, naming `npm run db:migrate`), a wrong
 * password (DB_AUTH_FAILED, not "could not start the embedded PostgreSQL").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { urlWithDatabase } from '@/lib/db/connection-url';
import { createEmptyDatabase, type TestDatabase } from '../../tests/helpers/database';
import { withClient } from '../../tests/helpers/pg';
import { createCliFixture, parseJson, type CliFixture } from '../../tests/helpers/cli';

let fx: CliFixture;
let empty: TestDatabase;

interface CliFailure {
  ok: false;
  error: { code: string; message: string };
}

const tablesOf = (url: string) =>
  withClient(url, async (c) => (await c.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`)).rows.map((r) => r.name));

beforeAll(async () => {
  fx = await createCliFixture();
  empty = await createEmptyDatabase('erp_cli_empty_');
});

afterAll(async () => {
  await empty?.drop();
  await fx?.cleanup();
});

describe('the CLI and the database it is given', () => {
  it('reports a misspelled database name and does not create it', async () => {
    const name = `erp_cli_misspelled_${randomBytes(4).toString('hex')}`;
    const run = await fx.run(['create', '--json'], { DATABASE_URL: urlWithDatabase(inject('pgServerUrl'), name) });
    expect(run.code, run.stderr).toBe(18);
    const failure = parseJson<CliFailure>(run.stderr);
    expect(failure.error.code).toBe('DB_NOT_FOUND');
    expect(failure.error.message).toContain(`"${name}"`);
    expect(failure.error.message).toContain('npm run db:migrate');
    const exists = await withClient(inject('pgServerUrl'), async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount);
    expect(exists).toBe(0);
  });

  it('refuses a database that was never migrated, and leaves it without tables', async () => {
    for (const command of [['create'], ['list'], ['restore', 'erp-backup-x.erpbak', '--yes']]) {
      const run = await fx.run([...command, '--json'], { DATABASE_URL: empty.url });
      expect(run.code, `${command.join(' ')}: ${run.stderr}`).toBe(18);
      const failure = parseJson<CliFailure>(run.stderr);
      expect(failure.error.code).toBe('DB_NOT_MIGRATED');
      expect(failure.error.message).toContain('npm run db:migrate');
    }
    expect(await tablesOf(empty.url)).toEqual([]);
  });

  it('refuses a database that misses a migration of this version, and does not apply it', async () => {
    const [last] = await fx.query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1');
    await fx.query('DELETE FROM "_prisma_migrations" WHERE migration_name = $1', [last!.migration_name]);
    try {
      const run = await fx.run(['list', '--json']);
      expect(run.code, run.stderr).toBe(18);
      expect(parseJson<CliFailure>(run.stderr).error).toMatchObject({ code: 'DB_NOT_MIGRATED', message: expect.stringContaining(last!.migration_name) });
      expect(await fx.query('SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1', [last!.migration_name])).toHaveLength(0);
    } finally {
      await fx.query(`INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, 'x', now(), $2, 1)`, [
        randomBytes(16).toString('hex'),
        last!.migration_name,
      ]);
    }
  });

  it('reports a wrong password as wrong credentials', async () => {
    const url = new URL(fx.db.url);
    url.password = 'not-the-password';
    const run = await fx.run(['list', '--json'], { DATABASE_URL: url.toString() });
    expect(run.code, run.stderr).toBe(3);
    const failure = parseJson<CliFailure>(run.stderr);
    expect(failure.error.code).toBe('DB_AUTH_FAILED');
    expect(failure.error.message).toContain('credentials in DATABASE_URL');
    expect(failure.error.message).not.toContain('embedded');
  });
});
