/**
 * A restore as the service runs it, under the operation lock the caller holds:
 * 1. take a safety backup (trigger PRE_RESTORE), so the restore can be undone by restoring it —
 *    if that fails, nothing is restored;
 * 2. restore the chosen backup (local file, or the cloud copy when the file is gone) in one
 *    transaction that commits only after the file's tag, counts and hashes all verified.
 */
import { randomBytes } from 'node:crypto';
import type { Backup, BackupOperation } from '../../../generated/prisma/client';
import { NotFoundError } from '../errors';
import { restoreDatabase } from '../restore/restore-database';
import { openBackupSource } from './backup-source';
import type { OperationProgress } from './backup-view';
import type { BackupContext } from './context';
import { produceBackup } from './produce-backup';
import { backupFilename } from './requests';

export interface RestoreOutcome {
  safetyBackupId: string;
  tables: number;
  rows: number;
}

/** Backs up the database as it is now (trigger PRE_RESTORE), so a restore can be undone. */
export async function takeSafetyBackup(
  ctx: BackupContext,
  options: { label: string; requestedBy: string | null; requestedEmail: string | null; onProgress?(p: OperationProgress): void; signal?: AbortSignal },
): Promise<Backup> {
  const now = ctx.clock();
  const safety = await ctx.prisma.backup.create({
    data: {
      filename: backupFilename(now, randomBytes(6).toString('hex')),
      label: options.label,
      status: 'QUEUED',
      trigger: 'PRE_RESTORE',
      createdAt: now,
      createdBy: options.requestedBy,
      createdByEmail: options.requestedEmail,
    },
  });
  return produceBackup(ctx, safety.id, { onProgress: options.onProgress, signal: options.signal, phase: 'safety-backup' });
}

export async function performRestore(
  ctx: BackupContext,
  operation: BackupOperation,
  options: { onProgress?(p: OperationProgress): void; signal?: AbortSignal } = {},
): Promise<RestoreOutcome> {
  const target = await ctx.prisma.backup.findUnique({ where: { id: operation.backupId } });
  if (!target) throw new NotFoundError('The backup');

  const safety = await takeSafetyBackup(ctx, {
    label: `Before restoring ${target.filename}`,
    requestedBy: operation.requestedBy,
    requestedEmail: operation.requestedEmail,
    ...options,
  });
  await ctx.prisma.backupOperation.update({ where: { id: operation.id }, data: { safetyBackupId: safety.id } });

  const source = await openBackupSource(ctx, target);
  const result = await restoreDatabase({
    targetUrl: ctx.databaseUrl,
    source: source.stream,
    keyring: ctx.keyring(),
    expectedFingerprint: target.keyFingerprint ?? undefined,
    timeouts: ctx.config.restoreTimeouts,
    signal: options.signal,
    operationId: operation.id,
    onProgress: (p) =>
      options.onProgress?.({
        phase: p.phase === 'loading' ? 'restoring' : p.phase,
        table: p.table,
        tablesDone: p.tablesDone,
        tablesTotal: p.tablesTotal,
        rows: p.rows,
        bytes: 0,
        percent: p.tablesTotal ? Math.min(99, Math.floor((p.tablesDone / p.tablesTotal) * 100)) : 0,
      }),
  });
  return { safetyBackupId: safety.id, tables: result.tables, rows: result.rows };
}
