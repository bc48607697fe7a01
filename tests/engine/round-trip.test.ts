/**
 * Exactness: a backup restored into a database gives back the same data, byte for byte, for
 * every column type — checked as sorted COPY text of every table plus every sequence (and with a
 * real data-only pg_dump when one of the server's major version is installed).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_TABLES, MIGRATIONS_TABLE } from '../../src/lib/backup/database/catalog';
import { seedDatabase } from '../../src/lib/seed/index';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { dataSnapshot, pgDumpDataOnly } from '../helpers/data-snapshot';
import { insertEdgeValues } from '../helpers/edge-values';
import { createEngineFixture, type EngineFixture } from '../helpers/engine';

describe('backup → restore round trip', () => {
  let source: TestDatabase;
  let target: TestDatabase;
  let engine: EngineFixture;

  beforeAll(async () => {
    [source, target] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    await seedDatabase(source.url, 'demo');
    await insertEdgeValues(source.url);
    engine = await createEngineFixture();
  });
  afterAll(async () => {
    await Promise.all([source?.drop(), target?.drop(), engine?.cleanup()]);
  });

  it('restores every table and sequence exactly into another database', async () => {
    const backup = await engine.backup(source.url);
    expect(backup.tableCount).toBeGreaterThanOrEqual(20);
    expect(backup.rowCount).toBeGreaterThan(500);

    await insertEdgeValues(target.url); // something to be replaced
    const result = await engine.restore(target.url, backup.path);
    expect(result.rows).toBe(backup.rowCount);

    const [expected, actual] = await Promise.all([dataSnapshot(source.url), dataSnapshot(target.url)]);
    expect(Object.keys(actual.tables).length).toBe(backup.tableCount);
    expect(actual).toEqual(expected);
    expect(expected.sequences['ExamResult_id_seq']).toBe('9223372036854775806:true');

    const excluded = [...SYSTEM_TABLES, MIGRATIONS_TABLE];
    const [dumpA, dumpB] = await Promise.all([pgDumpDataOnly(source.url, excluded), pgDumpDataOnly(target.url, excluded)]);
    if (dumpA && dumpB) expect(dumpB).toEqual(dumpA);
  });

  it('round-trips empty tables and leaves system history alone', async () => {
    const empty = await createTestDatabase();
    try {
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      await client.query(`INSERT INTO "AuditLog" (action, outcome, resource) VALUES ('LOGIN', 'SUCCESS', 'user')`);
      const before = await client.query('SELECT count(*)::int AS n FROM "AuditLog"');

      const backup = await engine.backup(empty.url);
      expect(backup.rowCount).toBe(0);
      await engine.restore(target.url, backup.path);

      const counts = await client.query(`SELECT (SELECT count(*) FROM "Student")::int AS students, (SELECT count(*) FROM "AuditLog")::int AS audit`);
      await client.end();
      expect(counts.rows[0]).toEqual({ students: 0, audit: before.rows[0].n });
      expect(await dataSnapshot(target.url)).toEqual(await dataSnapshot(empty.url));
    } finally {
      await empty.drop();
    }
  });

  it('keeps keys, indexes and foreign keys in place after a restore', async () => {
    const backup = await engine.backup(source.url);
    await engine.restore(target.url, backup.path);
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    const constraints = await client.query(`SELECT count(*)::int AS n FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' AND c.contype IN ('p','u','f')`);
    const indexes = await client.query(`SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = 'public'`);
    const fresh = new pg.Client({ connectionString: source.url });
    await fresh.connect();
    const constraintsSource = await fresh.query(`SELECT count(*)::int AS n FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' AND c.contype IN ('p','u','f')`);
    const indexesSource = await fresh.query(`SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = 'public'`);
    await fresh.end();
    // A foreign key still bites after the restore.
    await expect(client.query(`INSERT INTO "Enrollment" ("studentId", "sectionId", "academicYearId", "rollNumber", "enrolledOn") VALUES ('nope', 1, 1, 1, '2026-01-01')`)).rejects.toThrow(/foreign key/);
    await client.end();
    expect(constraints.rows[0].n).toBe(constraintsSource.rows[0].n);
    expect(indexes.rows[0].n).toBe(indexesSource.rows[0].n);
  });
});
