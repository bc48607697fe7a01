'use server';
/**
 * Restores a backup, after step-up confirmation checked on the server: the core
 * (`requestConfirmedRestore`) checks it against the backup's real name with
 * src/lib/auth/step-up.ts — the admin's own password AND the backup's date and time, typed,
 * together and throttled. Any mismatch: CONFIRMATION_FAILED with one message; too many:
 * TOO_MANY_ATTEMPTS; nothing is queued. Otherwise the restore is queued (a safety backup is
 * taken first) and the ids are returned; poll `getBackupAction(id)`: its latestOperation is the
 * RESTORE, whose safetyBackupId names the pre-restore backup. With `selection`, only those
 * tables are restored (replaced, or their deleted rows brought back), under the same confirmation.
 */
import { z } from 'zod';
import { requestConfirmedRestore, restoreSelectionSchema } from '@/lib/backup';
import { requestMeta } from '@/lib/auth/request-meta';
import { confirmStepUp } from '@/lib/auth/step-up';
import { backupIdSchema } from '@/lib/conventions/backup-id';
import { adminAction } from '../admin-action';

const schema = z
  .object({ id: backupIdSchema, password: z.string().min(1).max(1024), confirmName: z.string().max(300), selection: restoreSelectionSchema.optional() })
  .strict();

export const restoreBackupAction = adminAction('BACKUP_RESTORE', schema, async ({ id, password, confirmName, selection }, { ctx, user, actor }) => {
  const { ip } = await requestMeta();
  return requestConfirmedRestore(ctx, {
    actor,
    backupId: id,
    selection,
    confirmation: { confirm: (expectedPhrase) => confirmStepUp(ctx.prisma, { userId: user.id, password, typedPhrase: confirmName, expectedPhrase, ip }) },
  });
});
