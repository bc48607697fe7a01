'use server';
/**
 * Queues a copy of one backup to the configured S3-compatible bucket. Takes the backup's id
 * only — the file is found through the database, never through a path from the client.
 */
import { z } from 'zod';
import { requestUpload } from '@/lib/backup';
import { backupIdSchema } from '@/lib/conventions/backup-id';
import { adminAction } from '../admin-action';

const schema = z.object({ id: backupIdSchema }).strict();

export const uploadBackupToCloudAction = adminAction('BACKUP_UPLOAD', schema, async ({ id }, { ctx, actor }) =>
  requestUpload(ctx, { actor, backupId: id }),
);
