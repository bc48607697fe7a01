/**
 * Issue 9, one test per case found on schemas other than the demo one: each failed before the
 * engine read every schema from the catalog, pinned its session settings, kept user triggers
 * off during the load, checked PostgreSQL's row counts and set sequences transactionally.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { BackupError, ChecksumMismatchError, CorruptBackupError, SchemaMismatchError, UnsupportedObjectError } from '../../src/lib/backup/errors';
import { verifyBackupStream } from '../../src/lib/backup/verify/verify-backup';
import { createEmptyDatabase, type TestDatabase } from '../helpers/database';
import { dataSnapshot } from '../helpers/data-snapshot';
import { createEngineFixture, type EngineFixture } from '../helpers/engine';
import { encodeContent, readBackupContent, sealPayload } from '../helpers/crafted-backup';
import { withClient } from '../helpers/pg';

const sql = (db: TestDatabase, text: string) => withClient(db.url, (c) => c.query(text).then(() => undefined));
const one = async <T>(db: TestDatabase, text: string): Promise<T> => withClient(db.url, async (c) => (await c.query(text)).rows[0] as T);

describe('backup and restore of databases other than the demo one', () => {
  let engine: EngineFixture;
  const databases: TestDatabase[] = [];
  /** A database holding `ddl` (and data); a second call with the same DDL builds its twin. */
  async function database(ddl: string): Promise<TestDatabase> {
    const db = await createEmptyDatabase('erp_any_');
    databases.push(db);
    await sql(db, ddl);
    return db;
  }

  beforeAll(async () => {
    engine = await createEngineFixture();
  });
  afterAll(async () => {
    await Promise.all([...databases.map((d) => d.drop()), engine?.cleanup()]);
  });

  it('does not fire user triggers during the load, and keeps sequences ahead of their columns', async () => {
    const ddl = `
      CREATE TABLE note (id serial PRIMARY KEY, body text, stamped timestamptz);
      CREATE TABLE note_audit (id serial PRIMARY KEY, note_id integer);
      CREATE FUNCTION rewrite() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.body := 'rewritten'; NEW.stamped := now(); RETURN NEW; END $$;
      CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO note_audit (note_id) VALUES (NEW.id); RETURN NULL; END $$;
      CREATE TRIGGER rewrite BEFORE INSERT ON note FOR EACH ROW EXECUTE FUNCTION rewrite();
      CREATE TRIGGER audit AFTER INSERT ON note FOR EACH ROW EXECUTE FUNCTION audit();`;
    const source = await database(ddl);
    await sql(source, `INSERT INTO note (body) VALUES ('a'), ('b'); UPDATE note SET body = 'original ' || id, stamped = '2020-01-01 00:00+00'`);
    const before = await dataSnapshot(source.url);
    const backup = await engine.backup(source.url);
    await sql(source, `INSERT INTO note (body) VALUES ('c')`);
    await engine.restore(source.url, backup.path);
    expect(await dataSnapshot(source.url)).toEqual(before);
    await sql(source, `INSERT INTO note (body) VALUES ('next')`); // no duplicate key
    expect(await one(source, `SELECT count(*)::int AS n FROM pg_trigger WHERE tgname IN ('rewrite', 'audit') AND tgenabled = 'O'`)).toEqual({ n: 2 });
  });

  it('backs up every schema, not only public', async () => {
    const ddl = `CREATE SCHEMA erp; CREATE TABLE erp.pupil (id integer PRIMARY KEY, name text);`;
    const source = await database(ddl);
    await sql(source, `INSERT INTO erp.pupil VALUES (1, 'Ada')`);
    const backup = await engine.backup(source.url);
    expect(backup.manifest.tables.map((t) => t.name)).toEqual(['erp.pupil']);
    await sql(source, `UPDATE erp.pupil SET name = 'Changed'; INSERT INTO erp.pupil VALUES (2, 'New')`);
    await engine.restore(source.url, backup.path);
    expect(await withClient(source.url, async (c) => (await c.query('SELECT * FROM erp.pupil')).rows)).toEqual([{ id: 1, name: 'Ada' }]);
  });

  it('saves and restores sequences that no column owns, into a fresh database', async () => {
    const ddl = `CREATE SEQUENCE pupil_ids; CREATE TABLE pupil (id integer PRIMARY KEY DEFAULT nextval('pupil_ids'), name text);`;
    const source = await database(ddl);
    await sql(source, `INSERT INTO pupil (name) SELECT 'p' || g FROM generate_series(1, 5) g`);
    const backup = await engine.backup(source.url);
    const fresh = await database(ddl);
    await engine.restore(fresh.url, backup.path);
    await sql(fresh, `INSERT INTO pupil (name) VALUES ('sixth')`);
    expect(await one(fresh, `SELECT max(id) AS id FROM pupil`)).toEqual({ id: 6 });
  });

  it('refreshes materialized views from the restored rows', async () => {
    const ddl = `CREATE TABLE fee (id integer PRIMARY KEY, amount integer); CREATE MATERIALIZED VIEW fee_total AS SELECT sum(amount) AS total FROM fee;`;
    const source = await database(ddl);
    await sql(source, `INSERT INTO fee VALUES (1, 10), (2, 20); REFRESH MATERIALIZED VIEW fee_total`);
    const backup = await engine.backup(source.url);
    await sql(source, `INSERT INTO fee VALUES (3, 1000); REFRESH MATERIALIZED VIEW fee_total`);
    await engine.restore(source.url, backup.path);
    expect(await one(source, `SELECT total::int FROM fee_total`)).toEqual({ total: 30 });
    const fresh = await database(ddl);
    await engine.restore(fresh.url, backup.path);
    expect(await one(fresh, `SELECT total::int FROM fee_total`)).toEqual({ total: 30 });
  });

  it('backs up and restores a partitioned table through its partitions, default partition included', async () => {
    const ddl = `
      CREATE TABLE mark (pupil integer, term integer, score numeric, PRIMARY KEY (pupil, term)) PARTITION BY LIST (term);
      CREATE TABLE mark_1 PARTITION OF mark FOR VALUES IN (1);
      CREATE TABLE mark_2 PARTITION OF mark FOR VALUES IN (2);
      CREATE TABLE mark_rest PARTITION OF mark DEFAULT;`;
    const source = await database(ddl);
    await sql(source, `INSERT INTO mark SELECT p, t, p * t FROM generate_series(1, 10) p, generate_series(1, 4) t`);
    const before = await dataSnapshot(source.url);
    const backup = await engine.backup(source.url);
    expect(backup.manifest.tables.map((t) => t.name)).toEqual(['public.mark_1', 'public.mark_2', 'public.mark_rest']);
    expect(backup.rowCount).toBe(40);
    await sql(source, `DELETE FROM mark WHERE term = 3; UPDATE mark SET score = 0`);
    await engine.restore(source.url, backup.path);
    expect(await dataSnapshot(source.url)).toEqual(before);
  });

  it('gives exactly the same data whatever the database and role output settings', async () => {
    const ddl = `CREATE TABLE v (id integer PRIMARY KEY, at timestamptz, d date, span interval, third double precision, r real);`;
    const source = await database(ddl);
    await sql(source, `INSERT INTO v VALUES (1, '2024-02-29 13:14:15.123456+00', '2024-12-31', '-3 days -04:05:06', 1.0 / 3, 0.1)`);
    const expected = await dataSnapshot(source.url);
    await sql(source, `ALTER DATABASE ${source.name} SET DateStyle = 'SQL, DMY'; ALTER DATABASE ${source.name} SET IntervalStyle = 'sql_standard';
      ALTER DATABASE ${source.name} SET extra_float_digits = 0; ALTER ROLE CURRENT_USER IN DATABASE ${source.name} SET TimeZone = 'Asia/Kathmandu'`);
    const backup = await engine.backup(source.url);
    expect(backup.manifest.createdAt).toMatch(/Z$/);
    const fresh = await database(ddl);
    await engine.restore(fresh.url, backup.path);
    expect(await dataSnapshot(fresh.url)).toEqual(expected);
    const text = await one(fresh, `SELECT span::text, third::text FROM v`);
    expect(text).toEqual({ span: '-3 days -04:05:06', third: '0.3333333333333333' });
    await sql(source, `ALTER ROLE CURRENT_USER IN DATABASE ${source.name} RESET ALL`);
  });

  it('leaves every sequence as it was when the sequence step fails', async () => {
    const ddl = `CREATE SEQUENCE a_seq; CREATE SEQUENCE b_seq; CREATE TABLE t (id integer PRIMARY KEY);`;
    const source = await database(ddl);
    await sql(source, `SELECT setval('a_seq', 500); SELECT setval('b_seq', 900); INSERT INTO t VALUES (1)`);
    const backup = await engine.backup(source.url);
    const target = await database(ddl);
    await sql(target, `SELECT setval('a_seq', 7); ALTER SEQUENCE b_seq MAXVALUE 100; INSERT INTO t VALUES (2)`);
    const before = await dataSnapshot(target.url);
    const attempt = engine.restore(target.url, backup.path);
    await expect(attempt).rejects.toBeInstanceOf(SchemaMismatchError);
    await expect(attempt).rejects.toThrow(/public\.b_seq/);
    expect(await dataSnapshot(target.url)).toEqual(before);
    expect(before.sequences['public.a_seq']).toBe('7:true');
  });

  describe('crafted COPY data whose rows PostgreSQL counts differently from the file', () => {
    let source: TestDatabase;
    let content: Awaited<ReturnType<typeof readBackupContent>>;
    beforeAll(async () => {
      source = await database(`CREATE TABLE pupil (id integer PRIMARY KEY, name text);`);
      await sql(source, `INSERT INTO pupil VALUES (1, 'one')`);
      content = await readBackupContent((await engine.backup(source.url)).path, engine.keyring);
      await sql(source, `INSERT INTO pupil VALUES (9, 'kept')`);
    });

    async function expectRefused(name: string, data: string, error: new (...args: never[]) => BackupError, message: RegExp) {
      const crafted = await sealPayload(await encodeContent({ ...content, tables: new Map(content.tables).set('public.pupil', Buffer.from(data)) }), path.join(engine.dir, name), engine.keyring);
      const before = await dataSnapshot(source.url);
      const attempt = engine.restore(source.url, crafted);
      await expect(attempt).rejects.toBeInstanceOf(error);
      await expect(attempt).rejects.toThrow(message);
      expect(await dataSnapshot(source.url)).toEqual(before);
      return crafted;
    }

    it('refuses rows hidden after a "\\." line (the reader sees it, verify too), and loads nothing', async () => {
      const crafted = await expectRefused('dot-line.erpbak', '1\tone\n\\.\n2\ttwo\n3\tthree\n', CorruptBackupError, /row 2 of table "public.pupil" starts with/);
      await expect(verifyBackupStream(createReadStream(crafted), engine.keyring)).rejects.toBeInstanceOf(CorruptBackupError);
    });

    it('refuses rows that end in carriage returns, which the file counts as none: PostgreSQL counts them', async () => {
      await expectRefused('carriage-returns.erpbak', '1\tone\r2\ttwo\r', ChecksumMismatchError, /PostgreSQL loaded 2 rows, the file holds 0/);
    });
  });

  it('refuses large objects by name before writing anything', async () => {
    const source = await database(`CREATE TABLE t (id integer); SELECT lo_from_bytea(0, 'blob');`);
    const attempt = engine.backup(source.url, 'large-objects.erpbak');
    await expect(attempt).rejects.toBeInstanceOf(UnsupportedObjectError);
    await expect(attempt).rejects.toThrow(/1 large objects/);
    expect(await readdir(engine.storage.directory).catch(() => [])).not.toContain('large-objects.erpbak');
  });

  it('refuses two tables whose schema-qualified names would read alike', async () => {
    const source = await database(`CREATE SCHEMA "a.b"; CREATE SCHEMA a; CREATE TABLE "a.b".c (id integer); CREATE TABLE a."b.c" (id integer);`);
    await expect(engine.backup(source.url, 'ambiguous.erpbak')).rejects.toThrow(/share the name "a.b.c"/);
  });

  it('refuses a foreign table by name, and backs up without it once it is excluded', async () => {
    const source = await database(`CREATE EXTENSION file_fdw; CREATE SERVER files FOREIGN DATA WRAPPER file_fdw;
      CREATE FOREIGN TABLE "Remote Marks" (id integer) SERVER files OPTIONS (filename '/dev/null'); CREATE TABLE local (id integer);`);
    const attempt = engine.backup(source.url, 'foreign.erpbak');
    await expect(attempt).rejects.toBeInstanceOf(UnsupportedObjectError);
    await expect(attempt).rejects.toThrow(/foreign table "public.Remote Marks"/);
    const excluded = await engine.backup(source.url, 'foreign-excluded.erpbak', { schemas: [], tables: ['public.Remote Marks'] });
    expect(excluded.manifest.tables.map((t) => t.name)).toEqual(['public.local']);
    expect(excluded.manifest.excluded).toContainEqual({ name: 'public.Remote Marks', kind: 'table', reason: expect.any(String) });
  });

  it('leaves out, visibly, what the exclusion settings name', async () => {
    const source = await database(`CREATE SCHEMA scratch; CREATE TABLE scratch.tmp (id integer); CREATE TABLE keep (id integer); CREATE TABLE big_log (id integer);`);
    const result = await engine.backup(source.url, 'excluded.erpbak', { schemas: ['scratch'], tables: ['big_log'] });
    expect(result.manifest.tables.map((t) => t.name)).toEqual(['public.keep']);
    expect(result.manifest.excluded).toEqual(
      expect.arrayContaining([
        { name: 'scratch', kind: 'schema', reason: expect.stringContaining('exclusion settings') },
        { name: 'public.big_log', kind: 'table', reason: expect.stringContaining('exclusion settings') },
        { name: 'pgboss', kind: 'schema', reason: expect.stringContaining('job queue') },
      ]),
    );
    await sql(source, `INSERT INTO scratch.tmp VALUES (1); INSERT INTO big_log VALUES (1)`);
    await engine.restore(source.url, result.path);
    expect(await one(source, `SELECT (SELECT count(*) FROM scratch.tmp)::int AS tmp, (SELECT count(*) FROM big_log)::int AS log`)).toEqual({ tmp: 1, log: 1 });
  });
});
