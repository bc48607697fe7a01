/**
 * Runs one queued operation to its end — the worker's job handler, and the CLI's way to run
 * work in the foreground. Status goes QUEUED → RUNNING → COMPLETED | FAILED on the operation
 * row; creates and restores hold the database's operation lock throughout. Each outcome is
 * audit-logged and, where it matters, notified. Never leaves an operation RUNNING on return.
 */
import type { AuditAction, BackupOperation } from '../../../generated/prisma/client';
import { acquireOperationLock, type OperationLock } from '../database/operation-lock';
import { toBackupError, type BackupError } from '../errors';
import type { NotificationKind } from '../notify/events';
import type { Actor } from './actor';
import type { BackupContext } from './context';
import { writeAudit } from './audit';
import { uploadToCloud } from './cloud-copy';
import { notify } from './notifications';
import { createProgressReporter } from './progress';
import { produceBackup } from './produce-backup';
import { performRestore } from './restore';
import { pruneBackups } from './prune';

const AUDIT_ACTION: Record<BackupOperation['kind'], AuditAction> = {
  CREATE: 'BACKUP_CREATE',
  RESTORE: 'BACKUP_RESTORE',
  UPLOAD: 'BACKUP_UPLOAD',
};

const FAILURE_EVENT: Partial<Record<BackupOperation['kind'], NotificationKind>> = { CREATE: 'backup.failed', RESTORE: 'restore.failed' };

export interface RunOptions {
  signal?: AbortSignal;
  /** Who runs it, for the audit log: the worker unless said otherwise (the CLI, the scheduler). */
  runner?: Actor;
}

export async function runOperation(ctx: BackupContext, operationId: string, options: RunOptions = {}): Promise<BackupOperation> {
  const operation = await ctx.prisma.backupOperation.findUnique({ where: { id: operationId } });
  if (!operation) throw new Error(`operation ${operationId} does not exist`);
  if (operation.status !== 'QUEUED') return operation;

  const reporter = createProgressReporter(ctx, operation.id);
  const actor: Actor = options.runner ?? { kind: 'system', name: 'worker' };
  let lock: OperationLock | undefined;
  const details: Record<string, string | number> = {};
  try {
    if (operation.kind === 'CREATE' || operation.kind === 'RESTORE') lock = await acquireOperationLock(ctx.databaseUrl);
    await ctx.prisma.backupOperation.update({ where: { id: operation.id }, data: { status: 'RUNNING', startedAt: ctx.clock() } });
    const run = { onProgress: reporter.report, signal: options.signal };
    if (operation.kind === 'CREATE') {
      const backup = await produceBackup(ctx, operation.backupId, run);
      Object.assign(details, { size: Number(backup.size), rows: Number(backup.rowCount ?? 0) });
      await notify(ctx, { kind: 'backup.succeeded', occurredAt: ctx.clock(), backupId: backup.id, backupName: backup.filename, details });
      await lock?.release();
      lock = undefined;
      if (ctx.config.cloudAutoUpload && ctx.cloud) await uploadToCloud(ctx, backup.id).catch(() => undefined);
      if (backup.trigger === 'SCHEDULED') await pruneBackups(ctx, { dryRun: false });
    } else if (operation.kind === 'RESTORE') {
      const outcome = await performRestore(ctx, operation, run);
      Object.assign(details, { safetyBackupId: outcome.safetyBackupId, rows: outcome.rows, tables: outcome.tables });
      const target = await ctx.prisma.backup.findUnique({ where: { id: operation.backupId } });
      await notify(ctx, { kind: 'restore.completed', occurredAt: ctx.clock(), backupId: operation.backupId, backupName: target?.filename, details });
    } else if (operation.kind === 'UPLOAD') {
      await uploadToCloud(ctx, operation.backupId);
    }
    await reporter.flush();
    const done = await ctx.prisma.backupOperation.update({
      where: { id: operation.id },
      data: { status: 'COMPLETED', finishedAt: ctx.clock(), progress: { phase: 'done', tablesDone: 0, tablesTotal: 0, rows: Number(details.rows ?? 0), bytes: 0, percent: 100 } },
    });
    await writeAudit(ctx.prisma, { actor, action: AUDIT_ACTION[operation.kind], outcome: 'SUCCESS', resourceId: operation.backupId, details: { operationId, stage: 'finished', ...details } });
    return done;
  } catch (error) {
    const failure: BackupError = toBackupError(error);
    if (failure.code === 'INTERNAL') console.error(`operation ${operationId} failed:`, error);
    await reporter.flush();
    if (operation.kind === 'CREATE') {
      await ctx.prisma.backup.update({ where: { id: operation.backupId }, data: { status: 'FAILED', errorCode: failure.code, error: failure.message } }).catch(() => undefined);
    }
    const failed = await ctx.prisma.backupOperation.update({
      where: { id: operation.id },
      data: { status: 'FAILED', finishedAt: ctx.clock(), errorCode: failure.code, error: failure.message },
    });
    await writeAudit(ctx.prisma, {
      actor,
      action: AUDIT_ACTION[operation.kind],
      outcome: 'FAILURE',
      resourceId: operation.backupId,
      details: { operationId, stage: 'finished', code: failure.code, message: failure.message },
    });
    const event = FAILURE_EVENT[operation.kind];
    if (event) await notify(ctx, { kind: event, occurredAt: ctx.clock(), backupId: operation.backupId, error: { code: failure.code, message: failure.message } });
    return failed;
  } finally {
    await lock?.release();
  }
}
