/**
 * Selective restore on a real PostgreSQL, through the one engine (`restoreDatabase` with a
 * selection): a deleted subtree (a student with enrolments, results, invoices, payments …)
 * brought back row for row while a payment recorded after the backup stays; an overwritten
 * table reverted, and replaced; a replace that would break a foreign key refused by name with
 * nothing changed, and its rehearsal refusing the same while writing nothing; a failure after the merge rolled back with tables and sequences unchanged;
 * sequences never moved backwards.
 */
import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rehearseRestore, restoreDatabase, type FinishingStep } from '../../src/lib/backup/restore/restore-database';
import { SelectionBreaksKeysError } from '../../src/lib/backup/restore/selective/selection-error';
import type { RestoreSelection } from '../../src/lib/backup/restore/selective/selection';
import { seedDatabase } from '../../src/lib/seed/index';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { dataSnapshot } from '../helpers/data-snapshot';
import { createEngineFixture, type EngineFixture } from '../helpers/engine';
import { withClient } from '../helpers/pg';

const STUDENT_SUBTREE = ['Student', 'StudentGuardian', 'Enrollment', 'Attendance', 'ExamResult', 'LibraryLoan', 'Invoice', 'Payment'];

let db: TestDatabase;
let engine: EngineFixture;
let backupPath: string;

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  withClient(db.url, async (c) => (await c.query(text, params)).rows as T[]);

function restore(selection: RestoreSelection, beforeStep?: (step: FinishingStep) => void) {
  return restoreDatabase({ targetUrl: db.url, source: createReadStream(backupPath), keyring: engine.keyring, selection, beforeStep });
}

/** A student who has enrolments, exam results, invoices and payments. */
async function studentWithEverything(): Promise<string> {
  const [row] = await sql<{ id: string }>(
    `SELECT s.id FROM "Student" s
      WHERE EXISTS (SELECT 1 FROM "Enrollment" e WHERE e."studentId" = s.id)
        AND EXISTS (SELECT 1 FROM "ExamResult" r WHERE r."studentId" = s.id)
        AND EXISTS (SELECT 1 FROM "Invoice" i JOIN "Payment" p ON p."invoiceId" = i.id WHERE i."studentId" = s.id)
      ORDER BY s.id LIMIT 1`,
  );
  if (!row) throw new Error('the demo seed has no student with everything');
  return row.id;
}

async function deleteStudent(id: string): Promise<void> {
  await sql(`DELETE FROM "Payment" WHERE "invoiceId" IN (SELECT id FROM "Invoice" WHERE "studentId" = $1)`, [id]);
  await sql(`DELETE FROM "Invoice" WHERE "studentId" = $1`, [id]);
  await sql(`DELETE FROM "Student" WHERE id = $1`, [id]); // cascades to enrolments, results, attendance, …
}

async function recordPaymentAfterBackup(): Promise<string> {
  const [row] = await sql<{ id: string }>(
    `INSERT INTO "Payment" (id, "invoiceId", amount, "paidAt", method)
     SELECT 'after-backup-' || md5(random()::text), id, 12.50, now(), 'CASH' FROM "Invoice" ORDER BY id LIMIT 1 RETURNING id`,
  );
  return row!.id;
}

describe('selective restore', () => {
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDatabase(db.url, 'demo');
    engine = await createEngineFixture();
    backupPath = (await engine.backup(db.url)).path;
  });
  afterAll(async () => {
    await Promise.all([db?.drop(), engine?.cleanup()]);
  });

  it('brings back a deleted student and everything under it, row for row, and keeps a payment recorded since', async () => {
    const student = await studentWithEverything();
    const payment = await recordPaymentAfterBackup();
    const before = await dataSnapshot(db.url);
    const counts = await sql<{ n: number }>(
      `SELECT (SELECT count(*) FROM "Enrollment" WHERE "studentId" = $1)::int + (SELECT count(*) FROM "ExamResult" WHERE "studentId" = $1)::int AS n`,
      [student],
    );
    await deleteStudent(student);
    expect(await dataSnapshot(db.url)).not.toEqual(before);

    const result = await restore({ tables: STUDENT_SUBTREE, mode: 'missing' });

    expect(await dataSnapshot(db.url)).toEqual(before);
    expect(await sql(`SELECT id FROM "Payment" WHERE id = $1`, [payment])).toHaveLength(1);
    const report = result.selective!;
    expect(report.mode).toBe('missing');
    expect(report.deleted).toBe(0);
    expect(report.updated).toBe(0);
    expect(report.withoutParent).toBe(0);
    expect(report.inserted).toBeGreaterThan(counts[0]!.n);
    expect(report.tables.find((t) => t.table === 'public.Student')!.inserted).toBe(1);
    // Parents first: the student comes before the rows that point to it.
    const order = report.tables.map((t) => t.table);
    expect(order.indexOf('public.Student')).toBeLessThan(order.indexOf('public.Enrollment'));
    expect(order.indexOf('public.Invoice')).toBeLessThan(order.indexOf('public.Payment'));
    expect(report.references).toContain('public.Section');
  });

  it('reports, and does not force, rows whose parent is gone and not in the backup', async () => {
    const student = await studentWithEverything();
    const results = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "ExamResult" WHERE "studentId" = $1`, [student]);
    await deleteStudent(student);
    const result = await restore({ tables: ['ExamResult'], mode: 'missing' });
    const table = result.selective!.tables[0]!;
    expect(table.inserted).toBe(0);
    expect(table.withoutParent).toBe(results[0]!.n);
    expect(table.withoutParentSample.length).toBeGreaterThan(0);
    expect(await sql(`SELECT 1 FROM "ExamResult" WHERE "studentId" = $1`, [student])).toHaveLength(0);
    await restore({ tables: STUDENT_SUBTREE, mode: 'missing' }); // put it back for the next tests
  });

  it('reverts an overwritten table to the backup, keeping rows added since; a replace makes it equal to the backup', async () => {
    const original = await sql<{ id: number; amount: string }>(`SELECT id, amount::text FROM "FeeStructure" ORDER BY id`);
    const changed = await sql(`UPDATE "FeeStructure" SET amount = amount * 2 WHERE id IN (SELECT id FROM "FeeStructure" ORDER BY id LIMIT 3) RETURNING id`);
    const [added] = await sql<{ id: number }>(
      `INSERT INTO "FeeStructure" ("academicYearId", name, amount, frequency) SELECT "academicYearId", 'Added since', 99, frequency FROM "FeeStructure" LIMIT 1 RETURNING id`,
    );

    const reverted = await restore({ tables: ['FeeStructure'], mode: 'missing', revertChanged: true });
    expect(reverted.selective!.updated).toBe(changed.length);
    expect(reverted.selective!.inserted).toBe(0);
    const after = await sql<{ id: number; amount: string }>(`SELECT id, amount::text FROM "FeeStructure" WHERE id <> $1 ORDER BY id`, [added!.id]);
    expect(after).toEqual(original);
    expect(await sql(`SELECT 1 FROM "FeeStructure" WHERE id = $1`, [added!.id])).toHaveLength(1);

    const replaced = await restore({ tables: ['FeeStructure'], mode: 'replace' });
    expect(replaced.selective!.deleted).toBe(1);
    expect(await sql<{ id: number; amount: string }>(`SELECT id, amount::text FROM "FeeStructure" ORDER BY id`)).toEqual(original);
  });

  it('refuses a replace that would break a foreign key, naming the rows and the table to add, and changes nothing', async () => {
    const [student] = await sql<{ id: string }>(
      `INSERT INTO "Student" (id, "schoolId", "admissionNo", "firstName", "lastName", "dateOfBirth", gender)
       SELECT 'new-pupil', "schoolId", 'ADM-NEW-1', 'New', 'Pupil', '2015-01-01', gender FROM "Student" LIMIT 1 RETURNING id`,
    );
    const [enrolment] = await sql<{ id: number }>(
      `INSERT INTO "Enrollment" ("studentId", "sectionId", "academicYearId", "rollNumber", "enrolledOn")
       SELECT $1, "sectionId", "academicYearId", 999, '2026-11-30' FROM "Enrollment" LIMIT 1 RETURNING id`,
      [student!.id],
    );
    const before = await dataSnapshot(db.url);

    const refusal = await restore({ tables: ['Student'], mode: 'replace' }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(SelectionBreaksKeysError);
    const error = refusal as SelectionBreaksKeysError;
    expect(error.code).toBe('CONSTRAINT_VIOLATION');
    const enrolments = error.breaks.find((b) => b.table === 'public.Enrollment')!;
    expect(enrolments).toMatchObject({ references: 'public.Student', addTable: 'public.Enrollment', rows: 1 });
    expect(enrolments.sample).toEqual([{ id: String(enrolment!.id) }]);
    expect(error.message).toContain('add "public.Enrollment" to the selection');
    expect(await dataSnapshot(db.url)).toEqual(before);
  });

  it('rehearses a replace: refuses what the restore refuses, and writes nothing for one it would do', async () => {
    // The pupil and enrolment added since the backup (previous test) are still there.
    const before = await dataSnapshot(db.url);
    const rehearse = (tables: string[]) =>
      rehearseRestore({ targetUrl: db.url, source: createReadStream(backupPath), keyring: engine.keyring, selection: { tables, mode: 'replace' } }, 'load');
    await expect(rehearse(['Student'])).rejects.toBeInstanceOf(SelectionBreaksKeysError);
    await expect(rehearse(['Student', 'Enrollment'])).resolves.toBeUndefined(); // the restore would delete both rows
    expect(await dataSnapshot(db.url)).toEqual(before);
  });

  it('rolls back a failure after the merge: tables and sequences unchanged', async () => {
    const [row] = await sql<{ id: string }>(`SELECT id::text FROM "ExamResult" ORDER BY id DESC LIMIT 1`);
    await sql(`DELETE FROM "ExamResult" WHERE id = $1`, [row!.id]);
    await sql(`SELECT setval('"ExamResult_id_seq"', 1)`); // the restore would move it forward
    const before = await dataSnapshot(db.url);
    const reached: FinishingStep[] = [];
    const failing = restore({ tables: ['ExamResult'], mode: 'missing' }, (step) => {
      reached.push(step);
      if (step === 'materialized-views') throw new Error('forced failure after the merge and the sequences');
    });
    await expect(failing).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(reached).toEqual(['triggers', 'merge', 'sequences', 'materialized-views']);
    expect(await dataSnapshot(db.url)).toEqual(before);
  });

  it('rolls back when the file turns out damaged after its rows were read: nothing changed', async () => {
    const [row] = await sql<{ id: string }>(`SELECT id::text FROM "ExamResult" ORDER BY id LIMIT 1`);
    await sql(`DELETE FROM "ExamResult" WHERE id = $1`, [row!.id]);
    const before = await dataSnapshot(db.url);
    const damaged = path.join(engine.dir, 'damaged.erpbak');
    const bytes = await readFile(backupPath);
    bytes[bytes.length - 1]! ^= 0x01; // the last ciphertext byte: the GCM tag fails at the very end
    await writeFile(damaged, bytes);
    const failing = restoreDatabase({ targetUrl: db.url, source: createReadStream(damaged), keyring: engine.keyring, selection: { tables: ['ExamResult'], mode: 'missing' } });
    await expect(failing).rejects.toMatchObject({ code: 'CORRUPT' });
    expect(await dataSnapshot(db.url)).toEqual(before);
    await restore({ tables: ['ExamResult'], mode: 'missing' });
  });

  it('never moves a sequence backwards, and moves it forward when the backup is ahead', async () => {
    const seq = async () => (await sql<{ v: string }>(`SELECT last_value::text AS v FROM "ExamResult_id_seq"`))[0]!.v;
    await restore({ tables: ['ExamResult'], mode: 'missing' }); // the sequence was at 1: forward to the backup's
    const backupValue = await seq();
    expect(BigInt(backupValue)).toBeGreaterThan(1n);
    const [row] = await sql<{ id: string }>(
      `INSERT INTO "ExamResult" ("examId", "studentId", "subjectId", "marksObtained")
       SELECT r."examId", r."studentId", s.id, 50 FROM "ExamResult" r CROSS JOIN "Subject" s
        WHERE NOT EXISTS (SELECT 1 FROM "ExamResult" x WHERE x."examId" = r."examId" AND x."studentId" = r."studentId" AND x."subjectId" = s.id)
        LIMIT 1 RETURNING id::text`,
    );
    const ahead = await seq();
    expect(BigInt(ahead)).toBeGreaterThan(BigInt(backupValue));
    await restore({ tables: ['ExamResult'], mode: 'missing' });
    expect(await seq()).toBe(ahead);
    expect(await sql(`SELECT 1 FROM "ExamResult" WHERE id = $1`, [row!.id])).toHaveLength(1);
  });
});
