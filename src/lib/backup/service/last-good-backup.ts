/**
 * Deleting proportionally: deleting one of several good backups (BackupView.good) needs a plain
 * confirmation; deleting the last good one — after which nothing could be restored — needs the
 * backup's confirmation phrase typed (src/lib/conventions/confirmation.ts). Every door that deletes
 * (the page's action, the CLI) checks through `assertDeleteConfirmed`.
 */
import { matchesConfirmation } from '../../conventions/confirmation';
import { ConfirmationFailedError, NotFoundError } from '../errors';
import { toBackupView } from './backup-view';
import type { BackupContext } from './context';

export async function isLastGoodBackup(ctx: BackupContext, backupId: string): Promise<boolean> {
  const completed = (await ctx.prisma.backup.findMany({ where: { status: 'COMPLETED', verifyError: null } })).map((b) => toBackupView(b));
  const good = completed.filter((b) => b.good);
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
