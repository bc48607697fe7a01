/**
 * Exactness: a backup restored into a database gives back the same data, byte for byte, for
 * every column type — checked as sorted COPY text of every table plus every sequence (and with a
 * real data-only pg_dump when one of the server's major version is installed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_TABLES, MIGRATIONS_TABLE } from '../../src/lib/backup/database/catalog';
import { seedDatabase } from '../../src/lib/seed/index';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { dataSnapshot, pgDumpDataOnly } from '../helpers/data-snapshot';
import { insertEdgeValues } from '../helpers/edge-values';
import { createEngineFixture, type EngineFixture } from '../helpers/engine';
import { withClient } from '../helpers/pg';

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
    expect(expected.sequences['public.ExamResult_id_seq']).toBe('9223372036854775806:true');

    const excluded = [...SYSTEM_TABLES, MIGRATIONS_TABLE];
    const [dumpA, dumpB] = await Promise.all([pgDumpDataOnly(source.url, excluded), pgDumpDataOnly(target.url, excluded)]);
    if (dumpA && dumpB) expect(dumpB).toEqual(dumpA);
  });

  it('round-trips empty tables and leaves system history alone', async () => {
    const empty = await createTestDatabase();
    try {
      const auditRows = () => withClient(target.url, async (c) => (await c.query('SELECT count(*)::int AS n FROM "AuditLog"')).rows[0].n);
      await withClient(target.url, (c) => c.query(`INSERT INTO "AuditLog" (action, outcome, resource) VALUES ('LOGIN', 'SUCCESS', 'user')`));
      const before = await auditRows();

      const backup = await engine.backup(empty.url);
      expect(backup.rowCount).toBe(0);
      await engine.restore(target.url, backup.path);

      expect(await auditRows()).toBe(before);
      expect(await dataSnapshot(target.url)).toEqual(await dataSnapshot(empty.url));
    } finally {
      await empty.drop();
    }
  });

  it('keeps keys, indexes and foreign keys in place after a restore', async () => {
    const keysAndIndexes = (url: string) =>
      withClient(url, async (c) => {
        const { rows } = await c.query(`
          SELECT (SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' AND c.contype IN ('p','u','f'))::int AS constraints,
                 (SELECT count(*) FROM pg_indexes WHERE schemaname = 'public')::int AS indexes`);
        return rows[0];
      });
    const backup = await engine.backup(source.url);
    await engine.restore(target.url, backup.path);
    expect(await keysAndIndexes(target.url)).toEqual(await keysAndIndexes(source.url));
    // A foreign key still bites after the restore.
    await withClient(target.url, (c) =>
      expect(
        c.query(`INSERT INTO "Enrollment" ("studentId", "sectionId", "academicYearId", "rollNumber", "enrolledOn") VALUES ('nope', 1, 1, 999999, '2026-01-01')`),
      ).rejects.toThrow(/foreign key/),
    );
  });
});
