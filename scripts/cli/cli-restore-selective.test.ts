/**
 * `restore <id> --tables … --only-missing --json` as a child process against a real, seeded test
 * database: a class's deleted exam results come back while a payment recorded after the backup
 * stays, the JSON says how many rows were inserted, and the audit row records the selection; a
 * `--tables` replace that would break a foreign key exits with CONSTRAINT_VIOLATION, naming the
 * table to add, and changes nothing. Before either, the CLI names the tables outside the selection
 * that foreign keys tie to it (`linked` in the JSON, a note on stderr).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupView, OutsideLinks, SelectiveReport } from '@/lib/backup';
import { dataSnapshot } from '../../tests/helpers/data-snapshot';
import { createCliFixture, parseJson, seedAndCreateBackup, type CliFixture } from '../../tests/helpers/cli';

let fx: CliFixture;
let backup: BackupView;

beforeAll(async () => {
  fx = await createCliFixture();
  backup = await seedAndCreateBackup(fx);
});

afterAll(async () => {
  await fx?.cleanup();
});

describe('backup CLI restore --tables', () => {
  it('--only-missing brings back deleted exam results and keeps a payment recorded since', async () => {
    const results = () => fx.query<{ id: string; marks: string }>(`SELECT id::text, "marksObtained"::text AS marks FROM "ExamResult" ORDER BY id`);
    const original = await results();
    const deleted = await fx.query(`DELETE FROM "ExamResult" WHERE "examId" = (SELECT min("examId") FROM "ExamResult") RETURNING id`);
    expect(deleted.length).toBeGreaterThan(0);
    const [payment] = await fx.query<{ id: string }>(
      `INSERT INTO "Payment" (id, "invoiceId", amount, "paidAt", method) SELECT 'paid-after-backup', id, 10, now(), 'CASH' FROM "Invoice" LIMIT 1 RETURNING id`,
    );

    const run = await fx.run(['restore', backup.id, '--tables', 'ExamResult', '--only-missing', '--yes', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const { restore } = parseJson<{ restore: { selective: SelectiveReport; safetyBackupId: string; linked: OutsideLinks } }>(run.stdout);
    expect(restore.selective).toMatchObject({ mode: 'missing', inserted: deleted.length, updated: 0, deleted: 0, withoutParent: 0 });
    // An exam result points to its exam and its pupil, neither of which was chosen; nothing points to exam results.
    expect(restore.linked.pointedTo).toEqual(
      expect.arrayContaining([
        { table: 'public.Exam', from: ['public.ExamResult'] },
        { table: 'public.Student', from: ['public.ExamResult'] },
      ]),
    );
    expect(restore.linked.pointingIn).toEqual([]);
    expect(restore.safetyBackupId).toEqual(expect.any(String));
    expect(await results()).toEqual(original);
    expect(await fx.query(`SELECT 1 FROM "Payment" WHERE id = $1`, [payment!.id])).toHaveLength(1);

    const [audit] = await fx.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM "AuditLog" WHERE action = 'BACKUP_RESTORE' AND outcome = 'SUCCESS' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit!.details).toMatchObject({ selection: 'ExamResult', mode: 'missing', inserted: deleted.length, updated: 0 });
  });

  it('refuses a replace that would break a foreign key, names the table to add, and changes nothing', async () => {
    await fx.query(
      `INSERT INTO "Student" (id, "schoolId", "admissionNo", "firstName", "lastName", "dateOfBirth", gender)
       SELECT 'cli-new-pupil', "schoolId", 'ADM-CLI-1', 'New', 'Pupil', '2015-01-01', gender FROM "Student" LIMIT 1`,
    );
    await fx.query(
      `INSERT INTO "Enrollment" ("studentId", "sectionId", "academicYearId", "rollNumber", "enrolledOn")
       SELECT 'cli-new-pupil', "sectionId", "academicYearId", 998, '2026-11-30' FROM "Enrollment" LIMIT 1`,
    );
    const before = await dataSnapshot(fx.db.url);
    const run = await fx.run(['restore', backup.id, '--tables', 'Student', '--yes', '--json']);
    expect(run.code).not.toBe(0);
    const { ok, error } = parseJson<{ ok: boolean; error: { code: string; message: string } }>(run.stdout);
    expect(ok).toBe(false);
    expect(error.code).toBe('CONSTRAINT_VIOLATION');
    expect(error.message).toContain('add "public.Enrollment" to the selection');
    // Without --json the same refusal is preceded by the note naming the linked tables.
    const plain = await fx.run(['restore', backup.id, '--tables', 'Student', '--yes']);
    expect(plain.code).toBe(run.code);
    expect(plain.stderr).toContain('Linked by foreign keys, outside the selection:');
    expect(plain.stderr).toContain('  public.Enrollment points to public.Student');
    expect(plain.stderr).toContain('is refused before anything is written');
    const after = await dataSnapshot(fx.db.url);
    // Only the module's own history moved (the operation's and the audit rows: the refusal comes before the safety backup).
    for (const table of Object.keys(before.tables).filter((t) => !/Backup|AuditLog/.test(t))) expect(after.tables[table], table).toEqual(before.tables[table]);
    expect(after.sequences).toEqual(before.sequences);
  });

  it('refuses --only-missing without --tables as a usage error', async () => {
    const run = await fx.run(['restore', backup.id, '--only-missing', '--yes', '--json']);
    expect(run.code).toBe(2);
  });
});
