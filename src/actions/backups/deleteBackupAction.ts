'use server';
/**
 * Deletes one backup — local file, cloud copy and row — unless an operation is using it. The last
 * good backup needs its confirmation phrase typed (`confirmName`); any other, none.
 */
import { z } from 'zod';
import { assertDeleteConfirmed, deleteBackup } from '@/lib/backup';
import { backupIdSchema } from '@/lib/conventions/backup-id';
import { adminAction } from '../admin-action';

const schema = z.object({ id: backupIdSchema, confirmName: z.string().max(300).optional() }).strict();

export const deleteBackupAction = adminAction('BACKUP_DELETE', schema, async ({ id, confirmName }, { ctx }) => {
  await assertDeleteConfirmed(ctx, id, confirmName);
  return { backupId: id, ...(await deleteBackup(ctx, id)) };
});
