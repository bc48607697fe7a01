'use server';
/**
 * Restores a backup, after step-up confirmation checked on the server by the core
 * (`requestConfirmedRestore`): the admin's own password AND the backup's exact file name, typed.
 * If either is wrong, CONFIRMATION_FAILED and nothing is queued. Otherwise the restore is queued (a safety backup is taken first) and the
 * ids are returned; poll `getBackupAction(id)`: its latestOperation is the RESTORE, whose
 * safetyBackupId names the pre-restore backup.
 */
import { z } from 'zod';
import { requestConfirmedRestore } from '@/lib/backup';
import { verifyPassword } from '@/lib/auth/password';
import { backupIdSchema } from '../backup-id';
import { adminAction } from '../admin-action';

const schema = z.object({ id: backupIdSchema, password: z.string().min(1).max(1024), confirmName: z.string().max(300) }).strict();

export const restoreBackupAction = adminAction('BACKUP_RESTORE', schema, async ({ id, password, confirmName }, { ctx, user, actor }) =>
  requestConfirmedRestore(ctx, {
    actor,
    backupId: id,
    confirmation: {
      typedName: confirmName,
      identityConfirmed: async () => {
        const account = await ctx.prisma.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
        return account !== null && (await verifyPassword(password, account.passwordHash));
      },
    },
  }),
);
