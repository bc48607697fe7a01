/** Deletes one backup — local file, cloud copy and row — unless an operation is using it. */
import { InvalidInputError, NotFoundError } from '../errors';
import type { BackupContext } from './context';
import { removeBackupEverywhere } from './prune';

export async function deleteBackup(ctx: BackupContext, backupId: string): Promise<{ filename: string }> {
  const backup = await ctx.prisma.backup.findUnique({ where: { id: backupId } });
  if (!backup) throw new NotFoundError('The backup');
  const busy = await ctx.prisma.backupOperation.count({ where: { backupId, status: { in: ['QUEUED', 'RUNNING'] } } });
  if (busy > 0) throw new InvalidInputError('This backup is in use by a running operation; delete it when that has finished.');
  await removeBackupEverywhere(ctx, backup);
  return { filename: backup.filename };
}
