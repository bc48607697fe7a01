'use server';
/** Deletes one backup — local file, cloud copy and row — unless an operation is using it. */
import { z } from 'zod';
import { deleteBackup } from '@/lib/backup';
import { backupIdSchema } from '../backup-id';
import { adminAction } from '../admin-action';

const schema = z.object({ id: backupIdSchema }).strict();

export const deleteBackupAction = adminAction('BACKUP_DELETE', schema, async ({ id }, { ctx }) => ({
  backupId: id,
  ...(await deleteBackup(ctx, id)),
}));
