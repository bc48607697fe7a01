/**
 * Copies a backup to the S3-compatible bucket and records it on the row. The copy counts as
 * UPLOADED only after the object's size and SHA-256 were confirmed by reading it back; a failed
 * upload (aborted multipart, wrong credentials, dropped connection) marks the copy FAILED and
 * leaves the local file untouched.
 */
import { StorageError, toBackupError } from '../errors';
import { copyToCloud } from '../storage/copy';
import { findCompletedBackup } from './backup-source';
import type { BackupContext } from './context';

export async function uploadToCloud(ctx: BackupContext, backupId: string): Promise<void> {
  if (!ctx.cloud) throw new StorageError('Cloud storage is not configured (set BACKUP_S3_BUCKET and its credentials).');
  const backup = await findCompletedBackup(ctx, backupId);
  if (!backup.checksum) throw new StorageError('The backup has no recorded checksum, so a cloud copy could not be confirmed.');
  await ctx.prisma.backup.update({ where: { id: backupId }, data: { cloudStatus: 'UPLOADING', cloudError: null } });
  try {
    await copyToCloud(ctx.local, ctx.cloud, backup.filename, { size: Number(backup.size), sha256: backup.checksum });
    await ctx.prisma.backup.update({
      where: { id: backupId },
      data: { cloudStatus: 'UPLOADED', cloudKey: backup.filename, cloudUploadedAt: ctx.clock(), cloudError: null },
    });
  } catch (error) {
    const failure = toBackupError(error);
    await ctx.prisma.backup.update({ where: { id: backupId }, data: { cloudStatus: 'FAILED', cloudError: failure.message } });
    throw failure;
  }
}
