/**
 * Turns a QUEUED Backup row into a finished backup: writes the file (dump → gzip → encrypt →
 * atomic rename), reads it back to verify it, and records size, checksum, counts, key
 * fingerprint and timings on the row. A backup with no tables is refused as a failure, never
 * reported as a success. On any failure the row is FAILED with a readable error and no file
 * is left under its name. The caller holds the operation lock.
 */
import { createReadStream } from 'node:fs';
import type { Backup } from '../../../generated/prisma/client';
import { createBackupFile } from '../dump/create-backup-file';
import { BackupError, SchemaMismatchError, toBackupError } from '../errors';
import { verifyBackupStream } from '../verify/verify-backup';
import type { OperationProgress } from './backup-view';
import type { BackupContext } from './context';

export interface ProduceOptions {
  onProgress?(progress: OperationProgress): void;
  signal?: AbortSignal;
  /** Phase name shown while dumping (e.g. "safety-backup" during a restore). */
  phase?: string;
}

const percentOf = (done: number, total: number) => (total <= 0 ? 0 : Math.min(99, Math.floor((done / total) * 100)));

export async function produceBackup(ctx: BackupContext, backupId: string, options: ProduceOptions = {}): Promise<Backup> {
  const keyring = ctx.keyring();
  const phase = options.phase ?? 'dumping';
  const row = await ctx.prisma.backup.update({ where: { id: backupId }, data: { status: 'RUNNING', startedAt: ctx.clock() } });
  try {
    const result = await createBackupFile({
      sourceUrl: ctx.sourceUrl,
      storage: ctx.local,
      filename: row.filename,
      keyring,
      gzipLevel: ctx.config.gzipLevel,
      deflate: ctx.config.deflate,
      exclude: ctx.config.exclude,
      label: row.label ?? undefined,
      trigger: row.trigger,
      signal: options.signal,
      onProgress: (p) =>
        options.onProgress?.({
          phase,
          table: p.table,
          tablesDone: p.tablesDone,
          tablesTotal: p.tablesTotal,
          rows: p.rows,
          bytes: p.bytes,
          percent: percentOf(p.rows, Math.max(p.estimatedRows, p.rows)),
        }),
    });
    if (result.tableCount === 0) {
      await ctx.local.delete(row.filename);
      throw new SchemaMismatchError('The database has no application tables: nothing was backed up. Run the migrations first.');
    }
    options.onProgress?.({ phase: 'verifying', tablesDone: result.tableCount, tablesTotal: result.tableCount, rows: result.rowCount, bytes: result.uncompressedBytes, percent: 99 });
    await verifyBackupStream(createReadStream(await ctx.local.pathOf(row.filename)), keyring, { expectedFingerprint: result.keyFingerprint });
    return await ctx.prisma.backup.update({
      where: { id: backupId },
      data: {
        status: 'COMPLETED',
        size: BigInt(result.size),
        checksum: result.sha256,
        keyFingerprint: result.keyFingerprint,
        formatVersion: result.manifest.formatVersion,
        tableCount: result.tableCount,
        rowCount: BigInt(result.rowCount),
        uncompressedBytes: BigInt(result.uncompressedBytes),
        durationMs: result.durationMs,
        location: 'local',
        verifiedAt: ctx.clock(),
        completedAt: ctx.clock(),
      },
    });
  } catch (error) {
    const failure = toBackupError(error);
    // A file that was written but did not verify is worthless; never leave it looking usable.
    await ctx.local.delete(row.filename).catch(() => undefined);
    await markBackupFailed(ctx, backupId, failure);
    throw failure;
  }
}

export async function markBackupFailed(ctx: BackupContext, backupId: string, error: BackupError): Promise<void> {
  await ctx.prisma.backup
    .update({ where: { id: backupId }, data: { status: 'FAILED', errorCode: error.code, error: error.message, completedAt: ctx.clock() } })
    .catch(() => undefined);
}
