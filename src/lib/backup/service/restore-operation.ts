/**
 * A restore as the service runs it, under the operation lock the caller holds:
 * 1. take a safety backup (trigger PRE_RESTORE), so the restore can be undone by restoring it —
 *    if that fails, nothing is restored;
 * 2. restore the chosen backup (local file, or the cloud copy when the file is gone) in one
 *    transaction that commits only after the file's tag, counts and hashes all verified.
 * Progress names its step (`safety-backup`, then `restore`); the restore step's phases are the
 * engine's (checking, loading, indexing, committing), loading with the file's bytes read of its
 * size and the rows loaded of the backup's row count.
 */
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { Backup, BackupOperation } from '../../../generated/prisma/client';
import { NotFoundError } from '../errors';
import { restoreDatabase } from '../restore/restore-database';
import { ByteCounter } from '../storage/byte-counter';
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

  const report = options.onProgress ?? (() => undefined);
  const safety = await takeSafetyBackup(ctx, {
    label: `Before restoring ${target.filename}`,
    requestedBy: operation.requestedBy,
    requestedEmail: operation.requestedEmail,
    signal: options.signal,
    onProgress: (p) => report({ ...p, step: 'safety-backup' }),
  });
  await ctx.prisma.backupOperation.update({ where: { id: operation.id }, data: { safetyBackupId: safety.id } });

  const source = await openBackupSource(ctx, target);
  const bytesTotal = Number(target.size);
  const rowsTotal = target.rowCount === null ? undefined : Number(target.rowCount);
  const loadingPercent = (bytes: number) => Math.min(99, Math.floor((bytes / Math.max(1, bytesTotal)) * 100));
  let last: OperationProgress | undefined;
  const emit = (p: OperationProgress) => {
    last = p;
    report(p);
  };
  // The engine reports at table boundaries; the file's bytes move the bar inside a large table too.
  const counter = new ByteCounter((bytes) => {
    if (last?.phase === 'loading') emit({ ...last, bytes, percent: loadingPercent(bytes) });
  });
  const reading = pipeline(source.stream, counter).catch(() => undefined); // errors reach the reader through `counter`
  const result = await restoreDatabase({
    targetUrl: ctx.databaseUrl,
    source: counter,
    keyring: ctx.keyring(),
    expectedFingerprint: target.keyFingerprint ?? undefined,
    timeouts: ctx.config.restoreTimeouts,
    signal: options.signal,
    operationId: operation.id,
    onProgress: (p) =>
      emit({
        step: 'restore',
        phase: p.phase,
        table: p.table,
        tablesDone: p.tablesDone,
        tablesTotal: p.tablesTotal,
        rows: p.rows,
        rowsTotal,
        bytes: counter.bytes,
        bytesTotal,
        percent: p.phase === 'loading' || p.phase === 'checking' ? loadingPercent(counter.bytes) : 99,
      }),
  });
  await reading;
  return { safetyBackupId: safety.id, tables: result.tables, rows: result.rows };
}
