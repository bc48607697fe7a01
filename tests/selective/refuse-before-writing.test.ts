/**
 * A selective restore refuses a selection before anything is written — no safety backup (no new
 * Backup row, no new file), application tables unchanged — whether it would break a foreign key
 * (known only from the backup's rows: the service rehearses the restore and rolls it back), names
 * a table the backup lacks, or a table without a primary key; through the worker's operation
 * (ends FAILED, audited as a FAILURE) and through the CLI's file restore. A selection that passes
 * the rehearsal is then restored after its safety backup, checked again.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Backup } from '../../src/generated/prisma/client';
import { requestBackup, requestRestore } from '../../src/lib/backup/service/requests';
import { restoreBackupFile } from '../../src/lib/backup/service/restore';
import { runOperation } from '../../src/lib/backup/service/run-operation';
import type { RestoreSelection } from '../../src/lib/backup/restore/selective/selection';
import { dataSnapshot, type DataSnapshot } from '../helpers/data-snapshot';
import { useSeededService } from '../helpers/seeded-service';
import { withClient } from '../helpers/pg';

const admin = { kind: 'user', id: 'admin-id', email: 'admin@school.test' } as const;

describe('a selective restore refuses before any write', () => {
  const seeded = useSeededService();
  let backup: Backup;

  const query = <R = Record<string, unknown>>(sql: string, params: unknown[] = []) => withClient(seeded.db.url, async (c) => (await c.query(sql, params)).rows as R[]);
  const backupRows = async () => (await query<{ n: number }>(`SELECT count(*)::int AS n FROM "Backup"`))[0]!.n;
  const storedFiles = async () => (await readdir(seeded.fx.ctx.local.directory)).sort();

  /** What must not move: the application's tables and sequences, the Backup rows and the stored files. */
  async function untouched() {
    const app = (s: DataSnapshot) => ({
      tables: Object.fromEntries(Object.entries(s.tables).filter(([t]) => !/Backup|AuditLog/.test(t))),
      sequences: Object.fromEntries(Object.entries(s.sequences).filter(([q]) => !/Backup|AuditLog/.test(q))),
    });
    const before = { data: app(await dataSnapshot(seeded.db.url)), backups: await backupRows(), files: await storedFiles() };
    return async () => {
      expect(app(await dataSnapshot(seeded.db.url))).toEqual(before.data);
      expect(await backupRows()).toBe(before.backups);
      expect(await storedFiles()).toEqual(before.files);
    };
  }

  async function runRestore(selection: RestoreSelection) {
    const { operationId } = await requestRestore(seeded.fx.ctx, { actor: admin, backupId: backup.id, selection });
    const operation = await runOperation(seeded.fx.ctx, operationId);
    const [audit] = await query<{ outcome: string; details: Record<string, unknown> }>(
      `SELECT outcome, details FROM "AuditLog" WHERE action = 'BACKUP_RESTORE' AND details->>'operationId' = $1`,
      [operationId],
    );
    return { operation, audit };
  }

  beforeAll(async () => {
    // A table without a primary key, in the backup like every other.
    await query(`CREATE TABLE public."VisitorLog" (visitor text NOT NULL, "visitedAt" timestamptz NOT NULL)`);
    await query(`INSERT INTO public."VisitorLog" VALUES ('Inspector', '2026-11-30 09:00+00')`);
    const { backupId, operationId } = await requestBackup(seeded.fx.ctx, { actor: admin });
    expect((await runOperation(seeded.fx.ctx, operationId)).status).toBe('COMPLETED');
    backup = await seeded.fx.ctx.prisma.backup.findUniqueOrThrow({ where: { id: backupId } });
    // Since the backup: a new pupil, enrolled. Replacing "Student" alone would orphan the enrolment.
    await query(
      `INSERT INTO "Student" (id, "schoolId", "admissionNo", "firstName", "lastName", "dateOfBirth", gender)
       SELECT 'pupil-since', "schoolId", 'ADM-SINCE-1', 'New', 'Pupil', '2015-01-01', gender FROM "Student" LIMIT 1`,
    );
    await query(
      `INSERT INTO "Enrollment" ("studentId", "sectionId", "academicYearId", "rollNumber", "enrolledOn")
       SELECT 'pupil-since', "sectionId", "academicYearId", 997, '2026-11-30' FROM "Enrollment" LIMIT 1`,
    );
  });

  it('refuses a replace that would break a foreign key: FAILED, CONSTRAINT_VIOLATION naming the table to add, no safety backup, audited', async () => {
    const check = await untouched();
    const { operation, audit } = await runRestore({ tables: ['Student'], mode: 'replace' });
    expect(operation).toMatchObject({ status: 'FAILED', errorCode: 'CONSTRAINT_VIOLATION', safetyBackupId: null });
    expect(operation.error).toContain('add "public.Enrollment" to the selection');
    expect(operation.progress).toMatchObject({ step: 'rehearsal', phase: 'checking' });
    expect(audit).toMatchObject({ outcome: 'FAILURE', details: { code: 'CONSTRAINT_VIOLATION' } });
    await check();
  });

  it('refuses a table the backup does not have and a table without a primary key, from the manifest, with no safety backup', async () => {
    const check = await untouched();
    const unknown = await runRestore({ tables: ['NoSuchTable'], mode: 'missing' });
    expect(unknown.operation).toMatchObject({ status: 'FAILED', errorCode: 'NOT_FOUND', safetyBackupId: null });
    expect(unknown.operation.error).toContain('NoSuchTable');
    expect(unknown.audit).toMatchObject({ outcome: 'FAILURE' });
    const keyless = await runRestore({ tables: ['VisitorLog'], mode: 'replace' });
    expect(keyless.operation).toMatchObject({ status: 'FAILED', errorCode: 'SCHEMA_MISMATCH', safetyBackupId: null });
    expect(keyless.operation.error).toContain('"public.VisitorLog" has none');
    expect(keyless.audit).toMatchObject({ outcome: 'FAILURE' });
    await check();
  });

  it('refuses the same through the CLI file restore, audited as a FAILURE without a safety backup', async () => {
    const check = await untouched();
    const file = path.join(seeded.fx.ctx.local.directory, backup.filename);
    const actor = { kind: 'system', name: 'cli' } as const;
    await expect(restoreBackupFile(seeded.fx.ctx, { file, actor, selection: { tables: ['Student'], mode: 'replace' } })).rejects.toMatchObject({
      code: 'CONSTRAINT_VIOLATION',
      message: expect.stringContaining('add "public.Enrollment" to the selection'),
    });
    const [audit] = await query<{ outcome: string; resourceId: string | null; details: Record<string, unknown> }>(
      `SELECT outcome, "resourceId", details FROM "AuditLog" WHERE action = 'BACKUP_RESTORE' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toMatchObject({ outcome: 'FAILURE', resourceId: null, details: { code: 'CONSTRAINT_VIOLATION', selection: 'Student', mode: 'replace' } });
    expect(audit!.details).not.toHaveProperty('safetyBackupId');
    await check();
  });

  it('restores a selection that passes the rehearsal, after its safety backup', async () => {
    const backupsBefore = await backupRows();
    const { operation, audit } = await runRestore({ tables: ['Student', 'Enrollment'], mode: 'replace' });
    expect(operation).toMatchObject({ status: 'COMPLETED' });
    expect(operation.safetyBackupId).toEqual(expect.any(String));
    expect(await backupRows()).toBe(backupsBefore + 1);
    expect(audit).toMatchObject({ outcome: 'SUCCESS', details: { selection: 'Student,Enrollment', mode: 'replace', deleted: 2 } });
    expect(await query(`SELECT 1 FROM "Student" WHERE id = 'pupil-since'`)).toHaveLength(0);
  });
});
