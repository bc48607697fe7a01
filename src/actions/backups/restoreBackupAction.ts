'use server';
/**
 * Restores a backup, after step-up confirmation checked on the server (src/lib/auth/step-up.ts):
 * the admin's own password AND the backup's exact file name, typed, checked together and
 * throttled. Any mismatch: CONFIRMATION_FAILED with one message; too many: TOO_MANY_ATTEMPTS;
 * nothing is queued. Otherwise the restore is queued (a safety backup is taken first) and the
 * ids are returned; poll `getBackupAction(id)`: its latestOperation is the RESTORE, whose
 * safetyBackupId names the pre-restore backup.
 */
import { z } from 'zod';
import { NotFoundError, requestRestore } from '@/lib/backup';
import { requestMeta } from '@/lib/auth/request-meta';
import { confirmStepUp } from '@/lib/auth/step-up';
import { backupIdSchema } from '../backup-id';
import { adminAction } from '../result';

const schema = z.object({ id: backupIdSchema, password: z.string().min(1).max(1024), confirmName: z.string().max(300) }).strict();

export const restoreBackupAction = adminAction('BACKUP_RESTORE', schema, async ({ id, password, confirmName }, { ctx, user, actor }) => {
  const backup = await ctx.prisma.backup.findUnique({ where: { id }, select: { filename: true } });
  if (!backup) throw new NotFoundError('The backup');
  const { ip } = await requestMeta();
  await confirmStepUp(ctx.prisma, { userId: user.id, password, typedName: confirmName, expectedName: backup.filename, ip });
  return requestRestore(ctx, { actor, backupId: id });
});
