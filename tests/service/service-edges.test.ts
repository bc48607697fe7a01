/**
 * Service edges found under load: a wrong key is refused before the safety backup is taken;
 * concurrent deletes of one backup (one wins, the others NOT_FOUND); a backup killed during its
 * read-back verification is verified and adopted by recovery, not deleted; a restore that breaks
 * a constraint says which table and constraint, with its own code.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateKeyHex } from '../../src/lib/backup/crypto/keys';
import { BackupError } from '../../src/lib/backup/errors';
import { deleteBackup } from '../../src/lib/backup/service/delete';
import { recoverInterruptedOperations } from '../../src/lib/backup/service/recovery';
import { requestBackup, requestRestore } from '../../src/lib/backup/service/requests';
import { restoreBackupFile } from '../../src/lib/backup/service/restore';
import { runOperation } from '../../src/lib/backup/service/run-operation';
import { createServiceFixture } from '../helpers/service';
import { useSeededService } from '../helpers/seeded-service';
import { withClient } from '../helpers/pg';

const admin = { kind: 'user', id: 'admin-id', email: 'admin@school.test' } as const;

describe('service edges', () => {
  const seeded = useSeededService();

  const query = <R = Record<string, unknown>>(sql: string, params: unknown[] = []) => withClient(seeded.db.url, async (c) => (await c.query(sql, params)).rows as R[]);
  const backUp = async () => {
    const { backupId, operationId } = await requestBackup(seeded.fx.ctx, { actor: admin });
    expect((await runOperation(seeded.fx.ctx, operationId)).status).toBe('COMPLETED');
    return (await seeded.fx.ctx.prisma.backup.findUniqueOrThrow({ where: { id: backupId } }));
  };
  const safetyBackups = async () => (await query<{ n: number }>(`SELECT count(*)::int AS n FROM "Backup" WHERE trigger = 'PRE_RESTORE'`))[0]!.n;

  it('refuses a restore with a wrong key before taking a safety backup', async () => {
    const backup = await backUp();
    const other = await createServiceFixture(seeded.db.url, { env: { BACKUP_ENCRYPTION_KEY: generateKeyHex(), BACKUP_DIR: seeded.fx.ctx.local.directory } });
    try {
      const before = await safetyBackups();
      const { operationId } = await requestRestore(other.ctx, { actor: admin, backupId: backup.id });
      const operation = await runOperation(other.ctx, operationId);
      expect(operation).toMatchObject({ status: 'FAILED', errorCode: 'WRONG_KEY', safetyBackupId: null });

      const file = path.join(seeded.fx.ctx.local.directory, backup.filename);
      await expect(restoreBackupFile(other.ctx, { file, actor: { kind: 'system', name: 'cli' } })).rejects.toMatchObject({ code: 'WRONG_KEY' });
      expect(await safetyBackups()).toBe(before);
    } finally {
      await other.cleanup();
    }
  });

  it('lets exactly one of several concurrent deletes of a backup succeed; the others get NOT_FOUND', async () => {
    const backup = await backUp();
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => deleteBackup(seeded.fx.ctx, backup.id)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const codes = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as BackupError).code] : []));
    expect(codes).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
    expect(await query(`SELECT 1 FROM "Backup" WHERE id = $1`, [backup.id])).toHaveLength(0);
  });

  it('adopts a complete file left by a backup killed during its verification, and fails one whose file is damaged', async () => {
    const complete = await backUp();
    const damaged = await backUp();
    // What a kill during the read-back verification leaves: the file renamed into place, the rows RUNNING.
    for (const backup of [complete, damaged]) {
      await query(`UPDATE "Backup" SET status = 'RUNNING', "verifiedAt" = NULL, "completedAt" = NULL WHERE id = $1`, [backup.id]);
      await query(`UPDATE "BackupOperation" SET status = 'RUNNING', "finishedAt" = NULL WHERE "backupId" = $1`, [backup.id]);
    }
    const damagedFile = path.join(seeded.fx.ctx.local.directory, damaged.filename);
    await writeFile(damagedFile, Buffer.alloc(Number(damaged.size), 7));

    await recoverInterruptedOperations(seeded.fx.ctx);

    const adopted = await seeded.fx.ctx.prisma.backup.findUniqueOrThrow({ where: { id: complete.id } });
    expect(adopted).toMatchObject({ status: 'COMPLETED', size: complete.size, checksum: complete.checksum, rowCount: complete.rowCount, tableCount: complete.tableCount });
    expect(adopted.verifiedAt).not.toBeNull();
    expect(existsSync(path.join(seeded.fx.ctx.local.directory, complete.filename))).toBe(true);
    const [adoptedOperation] = await query(`SELECT status FROM "BackupOperation" WHERE "backupId" = $1`, [complete.id]);
    expect(adoptedOperation).toEqual({ status: 'COMPLETED' });

    expect(await seeded.fx.ctx.prisma.backup.findUniqueOrThrow({ where: { id: damaged.id } })).toMatchObject({ status: 'FAILED', errorCode: 'INTERRUPTED' });
    expect(existsSync(damagedFile)).toBe(false);
    const [failedOperation] = await query(`SELECT status FROM "BackupOperation" WHERE "backupId" = $1`, [damaged.id]);
    expect(failedOperation).toEqual({ status: 'FAILED' });
  });

  it('names the table and constraint a restore violates, with its own code', async () => {
    const [student] = await query<{ id: string }>(`SELECT id FROM "Student" ORDER BY id LIMIT 1`);
    await query(`UPDATE "Student" SET "lastName" = 'Forbidden' WHERE id = $1`, [student!.id]);
    const backup = await backUp();
    await query(`UPDATE "Student" SET "lastName" = 'Allowed' WHERE id = $1`, [student!.id]);
    await query(`ALTER TABLE "Student" ADD CONSTRAINT "Student_lastName_not_forbidden" CHECK ("lastName" <> 'Forbidden')`);
    try {
      const { operationId } = await requestRestore(seeded.fx.ctx, { actor: admin, backupId: backup.id });
      const operation = await runOperation(seeded.fx.ctx, operationId);
      expect(operation).toMatchObject({ status: 'FAILED', errorCode: 'CONSTRAINT_VIOLATION' });
      expect(operation.error).toContain('"Student"');
      expect(operation.error).toContain('"Student_lastName_not_forbidden"');
      expect(await query(`SELECT "lastName" FROM "Student" WHERE id = $1`, [student!.id])).toEqual([{ lastName: 'Allowed' }]);
    } finally {
      await query(`ALTER TABLE "Student" DROP CONSTRAINT "Student_lastName_not_forbidden"`);
    }
  });
});
