'use server';
/**
 * Restores a backup, after step-up confirmation checked here on the server: the admin's own
 * password AND the backup's confirmation phrase (its date and time, src/lib/backup/confirmation.ts), typed. If either is wrong, CONFIRMATION_FAILED and
 * nothing is queued. Otherwise the restore is queued (a safety backup is taken first) and the
 * ids are returned; poll `getBackupAction(id)`: its latestOperation is the RESTORE, whose
 * safetyBackupId names the pre-restore backup.
 */
import { z } from 'zod';
import { ConfirmationFailedError, NotFoundError, requestRestore } from '@/lib/backup';
import { verifyPassword } from '@/lib/auth/password';
import { matchesConfirmation } from '@/lib/backup/confirmation';
import { backupIdSchema } from '../backup-id';
import { adminAction } from '../result';

const schema = z.object({ id: backupIdSchema, password: z.string().min(1).max(1024), confirmName: z.string().max(300) }).strict();

export const restoreBackupAction = adminAction('BACKUP_RESTORE', schema, async ({ id, password, confirmName }, { ctx, user, actor }) => {
  const [account, backup] = await Promise.all([
    ctx.prisma.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } }),
    ctx.prisma.backup.findUnique({ where: { id }, select: { createdAt: true } }),
  ]);
  if (!backup) throw new NotFoundError('The backup');
  const passwordOk = account !== null && (await verifyPassword(password, account.passwordHash));
  if (!passwordOk) throw new ConfirmationFailedError('Your password is not correct. Nothing was restored.');
  if (!matchesConfirmation(confirmName, backup.createdAt, ctx.config.schedule.timeZone)) {
    throw new ConfirmationFailedError('The typed date and time do not match the backup’s. Nothing was restored.');
  }
  return requestRestore(ctx, { actor, backupId: id });
});
