/**
 * The restore preview on a real PostgreSQL: a backup of the demo school, then a deleted subtree
 * (a student with enrolments, results, invoices and payments), updated rows, inserted rows and a
 * table without a primary key — the preview must count each table exactly, sample the right
 * rows with secrets masked, and leave the database byte-for-byte as it was. Two backups compare
 * the same way without the live database (it is dropped first).
 */
import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareBackups } from '../../src/lib/backup/preview/compare-backups';
import { MASK } from '../../src/lib/backup/preview/masking';
import { previewRestore } from '../../src/lib/backup/preview/preview-restore';
import type { PreviewReport, TablePreview } from '../../src/lib/backup/preview/report';
import { seedDatabase } from '../../src/lib/seed/index';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { dataSnapshot } from '../helpers/data-snapshot';
import { createEngineFixture, type EngineFixture } from '../helpers/engine';
import { urlWithDatabase } from '../helpers/database-names';
import { withClient } from '../helpers/pg';

type Counts = Record<string, number>;

const DEPENDENTS: readonly [table: string, where: string][] = [
  ['Payment', `"invoiceId" IN (SELECT id FROM "Invoice" WHERE "studentId" = $1)`],
  ['Invoice', `"studentId" = $1`],
  ['ExamResult', `"studentId" = $1`],
  ['Enrollment', `"studentId" = $1`],
  ['Attendance', `"studentId" = $1`],
  ['StudentGuardian', `"studentId" = $1`],
  ['LibraryLoan', `"studentId" = $1`],
  ['Student', `id = $1`],
];

/** The table's name without the `public.` that schema-qualified manifests put before it. */
const bare = (name: string) => name.replace(/^public\./, '');

function table(report: PreviewReport, name: string): TablePreview {
  const found = report.tables.find((t) => bare(t.table) === name);
  if (!found) throw new Error(`no table ${name} in the report`);
  return found;
}

describe('restore preview', () => {
  let db: TestDatabase;
  let engine: EngineFixture;
  let backupPath: string;
  let studentId: string;
  let deleted: Counts;
  let changedResultIds: string[];
  let changedUserId: string;

  beforeAll(async () => {
    db = await createTestDatabase('erp_pv_test_');
    await seedDatabase(db.url, 'demo');
    engine = await createEngineFixture();
    await withClient(db.url, async (c) => {
      await c.query(`CREATE TABLE "Note" (body text, author text)`);
      await c.query(`INSERT INTO "Note" VALUES ('first', 'ada'), ('twice', 'bob'), ('twice', 'bob'), ('gone', NULL)`);
    });
    backupPath = (await engine.backup(db.url)).path;

    await withClient(db.url, async (c) => {
      const { rows } = await c.query<{ id: string }>(
        `SELECT s.id FROM "Student" s
          WHERE EXISTS (SELECT 1 FROM "Invoice" i JOIN "Payment" p ON p."invoiceId" = i.id WHERE i."studentId" = s.id)
            AND EXISTS (SELECT 1 FROM "ExamResult" r WHERE r."studentId" = s.id)
            AND EXISTS (SELECT 1 FROM "Enrollment" e WHERE e."studentId" = s.id)
          ORDER BY s.id LIMIT 1`,
      );
      studentId = rows[0]!.id;
      deleted = {};
      for (const [name, where] of DEPENDENTS) {
        deleted[name] = (await c.query(`DELETE FROM "${name}" WHERE ${where}`, [studentId])).rowCount ?? 0;
      }
      const results = await c.query<{ id: string }>(
        `UPDATE "ExamResult" SET "marksObtained" = "marksObtained" + 0.25, remarks = 'regraded'
          WHERE id IN (SELECT id FROM "ExamResult" ORDER BY id LIMIT 3) RETURNING id::text`,
      );
      changedResultIds = results.rows.map((r) => r.id).sort();
      const user = await c.query<{ id: string }>(
        `UPDATE "User" SET "passwordHash" = 'changed-hash' WHERE id = (SELECT id FROM "User" ORDER BY id LIMIT 1) RETURNING id`,
      );
      changedUserId = user.rows[0]!.id;
      await c.query(
        `INSERT INTO "Announcement" ("schoolId", "authorId", title, body, audience)
         SELECT "schoolId", id, 'Sports day', 'Bring water', '{STUDENT}' FROM "User" ORDER BY id LIMIT 2`,
      );
      await c.query(`DELETE FROM "Note" WHERE body = 'gone'`);
      await c.query(`UPDATE "Note" SET author = 'cy' WHERE body = 'first'`);
      await c.query(`INSERT INTO "Note" VALUES ('twice', 'bob'), ('new', 'dee')`);
    });
  });
  afterAll(async () => {
    await Promise.all([db?.drop(), engine?.cleanup()]);
  });

  it('counts exactly what a restore would bring back, remove and change, and writes nothing', async () => {
    expect(deleted.Payment).toBeGreaterThan(0);
    expect(deleted.ExamResult).toBeGreaterThan(0);
    const before = await dataSnapshot(db.url);
    const phases = new Set<string>();
    const report = await previewRestore({
      databaseUrl: db.url,
      source: createReadStream(backupPath),
      keyring: engine.keyring,
      onProgress: (p) => phases.add(p.phase),
    });
    expect(await dataSnapshot(db.url)).toEqual(before);
    expect(phases).toEqual(new Set(['loading', 'comparing']));
    expect(report.after.kind).toBe('live');

    for (const [name] of DEPENDENTS) {
      const t = table(report, name);
      expect({ name, missing: t.missing }).toEqual({ name, missing: deleted[name] });
      if (name !== 'ExamResult') expect({ name, added: t.added, changed: t.changed }).toEqual({ name, added: 0, changed: 0 });
    }
    const results = table(report, 'ExamResult');
    expect(results.changed).toBe(3);
    expect(results.samples.changed.map((r) => r.key.id).sort()).toEqual(changedResultIds);
    const columns = results.samples.changed[0]!.changes.map((c) => c.column).sort();
    expect(columns).toEqual(['marksObtained', 'remarks']);
    expect(results.samples.changed[0]!.changes.find((c) => c.column === 'remarks')!.after).toBe('regraded');
    expect(results.unchanged + results.changed + results.missing).toBe(results.backupRows);

    const students = table(report, 'Student');
    expect(students.samples.missing).toHaveLength(1);
    expect(students.samples.missing[0]!.key).toEqual({ id: studentId });
    expect(students.samples.missing[0]!.values.firstName).toEqual(expect.any(String));

    const users = table(report, 'User');
    expect(users.changed).toBe(1);
    expect(users.maskedColumns).toContain('passwordHash');
    expect(users.samples.changed[0]!.key).toEqual({ id: changedUserId });
    expect(users.samples.changed[0]!.changes).toEqual([{ column: 'passwordHash', before: MASK, after: MASK }]);

    const announcements = table(report, 'Announcement');
    expect(announcements.added).toBe(2);
    expect(announcements.samples.added.map((r) => r.values.title)).toEqual(['Sports day', 'Sports day']);

    // No primary key: whole rows, with multiplicity; a changed row is one missing and one added.
    const notes = table(report, 'Note');
    expect(notes.key).toBeNull();
    expect({ missing: notes.missing, added: notes.added, changed: notes.changed, unchanged: notes.unchanged }).toEqual({
      missing: 2,
      added: 3,
      changed: 0,
      unchanged: 2,
    });
    expect(notes.samples.missing.map((r) => r.key)).toEqual([
      { body: 'first', author: 'ada' },
      { body: 'gone', author: null },
    ]);

    const untouched = table(report, 'Subject');
    expect(untouched.missing + untouched.added + untouched.changed).toBe(0);
    expect(untouched.unchanged).toBeGreaterThan(0);

    // Biggest difference first.
    const sizes = report.tables.map((t) => t.missing + t.added + t.changed);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(report.totals.missing).toBe(Object.values(deleted).reduce((a, b) => a + b, 0) + notes.missing);
  });

  it('reads the live data in one snapshot: a row committed after it started is not seen', async () => {
    const writer = new pg.Client({ connectionString: db.url });
    await writer.connect();
    try {
      await writer.query('BEGIN');
      await writer.query(
        `INSERT INTO "Payment" (id, "invoiceId", amount, "paidAt", method) SELECT 'committed-during-preview', "invoiceId", amount, "paidAt", method FROM "Payment" LIMIT 1`,
      );
      let committed: Promise<unknown> | undefined;
      let committedAt = Infinity;
      let paymentComparedAt = 0;
      const report = await previewRestore({
        databaseUrl: db.url,
        source: createReadStream(backupPath),
        keyring: engine.keyring,
        onProgress: (p) => {
          // The first table's load starts after the snapshot was taken: commit now.
          committed ??= writer.query('COMMIT').then(() => (committedAt = performance.now()));
          if (p.phase === 'comparing' && bare(p.table) === 'Payment') paymentComparedAt = performance.now();
        },
      });
      await committed;
      expect(committedAt).toBeLessThan(paymentComparedAt);
      expect(table(report, 'Payment')).toMatchObject({ missing: deleted.Payment, added: 0 });
    } finally {
      await writer.query(`DELETE FROM "Payment" WHERE id = 'committed-during-preview'`).catch(() => undefined);
      await writer.end();
    }
  });

  it('compares only the tables asked for, and bounds the samples', async () => {
    const report = await previewRestore({
      databaseUrl: db.url,
      source: createReadStream(backupPath),
      keyring: engine.keyring,
      tables: ['ExamResult', 'Attendance'],
      sampleLimit: 2,
    });
    expect(report.tables.map((t) => bare(t.table)).sort()).toEqual(['Attendance', 'ExamResult']);
    expect(table(report, 'ExamResult').samples.changed).toHaveLength(2);
    expect(table(report, 'ExamResult').changed).toBe(3);
  });

  it('refuses a table the backup does not have, before reading the live data', async () => {
    await expect(
      previewRestore({ databaseUrl: db.url, source: createReadStream(backupPath), keyring: engine.keyring, tables: ['Nope'] }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('gives no report for a file whose tag does not verify', async () => {
    const bytes = await readFile(backupPath);
    bytes[bytes.length - 10]! ^= 0xff;
    const tampered = path.join(engine.dir, 'tampered.erpbak');
    await writeFile(tampered, bytes);
    await expect(previewRestore({ databaseUrl: db.url, source: createReadStream(tampered), keyring: engine.keyring })).rejects.toMatchObject({
      code: expect.stringMatching(/^(CORRUPT|CHECKSUM_MISMATCH)$/),
    });
  });

  it('compares two backups without the live database', async () => {
    const laterPath = (await engine.backup(db.url)).path;
    const live = await previewRestore({ databaseUrl: db.url, source: createReadStream(backupPath), keyring: engine.keyring });
    // Copy the server URL, then drop the live database: the comparison must not need it.
    const { url } = db;
    await db.drop();
    const report = await compareBackups({
      serverUrl: url,
      before: { source: createReadStream(backupPath) },
      after: { source: createReadStream(laterPath) },
      keyring: engine.keyring,
    });
    expect(report.before.kind).toBe('backup');
    expect(report.after.kind).toBe('backup');
    const summary = (r: PreviewReport) =>
      Object.fromEntries(r.tables.map((t) => [bare(t.table), [t.missing, t.added, t.changed, t.unchanged, t.key?.join(',') ?? null]]));
    expect(summary(report)).toEqual(summary(live));
    expect(table(report, 'User').samples.changed[0]!.changes).toEqual([{ column: 'passwordHash', before: MASK, after: MASK }]);
    const scratch = await withClient(urlWithDatabase(url, 'postgres'), (c) =>
      c.query(`SELECT count(*)::int AS n FROM pg_database WHERE datname LIKE 'erp\\_preview\\_%'`),
    );
    expect(scratch.rows[0].n).toBe(0);
  });
});
