/**
 * Deleting proportionally: deleting one of several good backups (isGoodBackup) needs a plain
 * confirmation; deleting the last good one — after which nothing could be restored — needs the
 * backup's confirmation phrase typed (src/lib/backup/confirmation.ts). Every door that deletes
 * (the page's action, the CLI) checks through `assertDeleteConfirmed`.
 */
import { matchesConfirmation } from '../confirmation';
import { ConfirmationFailedError, NotFoundError } from '../errors';
import { isGoodBackup, toBackupView } from './backup-view';
import type { BackupContext } from './context';

export async function isLastGoodBackup(ctx: BackupContext, backupId: string): Promise<boolean> {
  const completed = (await ctx.prisma.backup.findMany({ where: { status: 'COMPLETED', verifyError: null } })).map((b) => toBackupView(b));
  const good = completed.filter(isGoodBackup);
  return good.length === 1 && good[0]!.id === backupId;
}

export async function assertDeleteConfirmed(ctx: BackupContext, backupId: string, typed: string | undefined): Promise<void> {
  const backup = await ctx.prisma.backup.findUnique({ where: { id: backupId }, select: { createdAt: true } });
  if (!backup) throw new NotFoundError('The backup');
  if (!(await isLastGoodBackup(ctx, backupId))) return;
  if (typed !== undefined && matchesConfirmation(typed, backup.createdAt, ctx.config.schedule.timeZone)) return;
  throw new ConfirmationFailedError(
    'This is the last good backup: after deleting it, nothing could be restored. Type its date and time exactly as shown to confirm. Nothing was deleted.',
  );
}
