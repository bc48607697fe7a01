/**
 * The service's lifecycle against a real database: request → run → COMPLETED row with counts,
 * checksum, fingerprint and audit; exactly one of two concurrent requests admitted; a restore
 * takes a safety backup first and brings data back; interrupted operations are recovered;
 * rescan adopts unknown files and flags missing ones; delete removes file and row.
 */
import { readdir, rm, copyFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OperationInProgressError } from '../../src/lib/backup/errors';
import { deleteBackup } from '../../src/lib/backup/service/delete';
import { getHealth } from '../../src/lib/backup/service/health';
import { getBackup, listBackups } from '../../src/lib/backup/service/queries';
import { recoverInterruptedOperations, rescanBackupDirectory, INTERRUPTED_MESSAGE } from '../../src/lib/backup/service/recovery';
import { requestBackup, requestRestore } from '../../src/lib/backup/service/requests';
import { runOperation } from '../../src/lib/backup/service/run-operation';
import { verifyRecordedBackup } from '../../src/lib/backup/service/verify';
import { tempPathFor } from '../../src/lib/backup/storage/atomic-file';
import { createTestDatabase } from '../helpers/database';
import { createServiceFixture } from '../helpers/service';
import { useSeededService } from '../helpers/seeded-service';
import { withClient } from '../helpers/pg';

const admin = { kind: 'user', id: 'admin-id', email: 'admin@school.test' } as const;

describe('backup service lifecycle', () => {
  const seeded = useSeededService();

  const query = (sql: string, params: unknown[] = []) => withClient(seeded.db.url, async (c) => (await c.query(sql, params)).rows);

  it('creates a verified backup and records everything about it', async () => {
    const { backupId, operationId } = await requestBackup(seeded.fx.ctx, { actor: admin, label: 'before grade import' });
    expect((await getBackup(seeded.fx.ctx, backupId)).status).toBe('QUEUED');
    const operation = await runOperation(seeded.fx.ctx, operationId);
    expect(operation.status).toBe('COMPLETED');

    const view = await getBackup(seeded.fx.ctx, backupId);
    expect(view).toMatchObject({ status: 'COMPLETED', trigger: 'MANUAL', label: 'before grade import', createdByEmail: admin.email });
    expect(view.size).toBeGreaterThan(1000);
    expect(view.rowCount).toBeGreaterThan(500);
    expect(view.tableCount).toBeGreaterThanOrEqual(20);
    expect(view.keyFingerprint).toBe(seeded.fx.ctx.keyring().current.fingerprint);
    expect(view.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(view.verifiedAt).not.toBeNull();
    expect(view.compressionRatio).toBeGreaterThan(1);
    expect(await readdir(seeded.fx.ctx.local.directory)).toEqual([view.filename]);

    const audit = await query(`SELECT outcome, "actorEmail" FROM "AuditLog" WHERE action = 'BACKUP_CREATE' AND "resourceId" = $1`, [backupId]);
    expect(audit).toEqual([{ outcome: 'SUCCESS', actorEmail: 'system:worker' }]);
    // Everything is in order but the worker, which this test process does not run.
    expect((await getHealth(seeded.fx.ctx)).checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['worker']);
  });

  it('admits exactly one of two concurrent requests', async () => {
    const results = await Promise.allSettled([requestBackup(seeded.fx.ctx, { actor: admin }), requestBackup(seeded.fx.ctx, { actor: admin })]);
    const admitted = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(admitted).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(OperationInProgressError);
    expect((refused[0] as PromiseRejectedResult).reason.message).toMatch(/already running/);
    const { backupId, operationId } = (admitted[0] as PromiseFulfilledResult<{ backupId: string; operationId: string }>).value;
    await runOperation(seeded.fx.ctx, operationId, { runner: { kind: 'system', name: 'cli' } });
    const audit = await query(`SELECT "actorEmail" FROM "AuditLog" WHERE action = 'BACKUP_CREATE' AND "resourceId" = $1`, [backupId]);
    expect(audit).toEqual([{ actorEmail: 'system:cli' }]);
  });

  it('restores a backup after a safety backup, bringing changed data back', async () => {
    const [student] = await query(`SELECT id, "firstName" FROM "Student" ORDER BY id LIMIT 1`);
    const { backupId } = await requestBackup(seeded.fx.ctx, { actor: admin }).then(async (r) => (await runOperation(seeded.fx.ctx, r.operationId), r));
    await query(`UPDATE "Student" SET "firstName" = 'Changed' WHERE id = $1`, [student.id]);

    const { operationId } = await requestRestore(seeded.fx.ctx, { actor: admin, backupId });
    const operation = await runOperation(seeded.fx.ctx, operationId);
    expect(operation.status).toBe('COMPLETED');
    expect((await query(`SELECT "firstName" FROM "Student" WHERE id = $1`, [student.id]))[0].firstName).toBe(student.firstName);

    const safety = await getBackup(seeded.fx.ctx, operation.safetyBackupId!);
    expect(safety).toMatchObject({ trigger: 'PRE_RESTORE', status: 'COMPLETED' });
    // The safety backup holds the data as it was just before the restore.
    await verifyRecordedBackup(seeded.fx.ctx, safety.id);
  });

  it('marks operations interrupted by a dead process as failed and removes their temp files', async () => {
    const { backupId, operationId } = await requestBackup(seeded.fx.ctx, { actor: admin });
    await query(`UPDATE "BackupOperation" SET status = 'RUNNING' WHERE id = $1`, [operationId]);
    await query(`UPDATE "Backup" SET status = 'RUNNING' WHERE id = $1`, [backupId]);
    const temp = tempPathFor(path.join(seeded.fx.ctx.local.directory, (await getBackup(seeded.fx.ctx, backupId)).filename));
    await copyFile(path.join(seeded.fx.ctx.local.directory, (await listBackups(seeded.fx.ctx)).find((b) => b.status === 'COMPLETED')!.filename), temp);

    expect(await recoverInterruptedOperations(seeded.fx.ctx)).toBe(2);
    const view = await getBackup(seeded.fx.ctx, backupId);
    expect(view.status).toBe('FAILED');
    expect(view.error?.message).toBe(INTERRUPTED_MESSAGE);
    expect((await readdir(seeded.fx.ctx.local.directory)).some((n) => n.endsWith('.tmp'))).toBe(false);
  });

  it('rescan adopts files without a row and flags rows without a file', async () => {
    const completed = (await listBackups(seeded.fx.ctx)).filter((b) => b.status === 'COMPLETED');
    const adoptee = completed[0]!;
    const orphan = completed[1]!;
    await query(`DELETE FROM "Backup" WHERE id = $1`, [adoptee.id]);
    await rm(path.join(seeded.fx.ctx.local.directory, orphan.filename));

    const report = await rescanBackupDirectory(seeded.fx.ctx);
    expect(report.adopted).toEqual([adoptee.filename]);
    expect(report.flaggedMissing).toContain(orphan.filename);
    const adopted = (await listBackups(seeded.fx.ctx)).find((b) => b.filename === adoptee.filename)!;
    expect(adopted).toMatchObject({ status: 'COMPLETED', rowCount: adoptee.rowCount, keyFingerprint: adoptee.keyFingerprint });
    expect((await getBackup(seeded.fx.ctx, orphan.id)).locations.local).toBe(false);
  });

  it('deletes a backup: file and row', async () => {
    const victim = (await listBackups(seeded.fx.ctx)).find((b) => b.status === 'COMPLETED' && b.locations.local)!;
    await deleteBackup(seeded.fx.ctx, victim.id);
    expect(await readdir(seeded.fx.ctx.local.directory)).not.toContain(victim.filename);
    await expect(getBackup(seeded.fx.ctx, victim.id)).rejects.toThrow(/not found/);
  });
});

describe('health without an encryption key', () => {
  it('is unhealthy and says why', async () => {
    const db = await createTestDatabase();
    const fx = await createServiceFixture(db.url, { env: { BACKUP_ENCRYPTION_KEY: '' } });
    try {
      const health = await getHealth(fx.ctx);
      expect(health.healthy).toBe(false);
      expect(health.checks.find((c) => c.name === 'encryption-key')).toMatchObject({ ok: false, message: expect.stringMatching(/BACKUP_ENCRYPTION_KEY/) });
    } finally {
      await fx.cleanup();
      await db.drop();
    }
  });
});
