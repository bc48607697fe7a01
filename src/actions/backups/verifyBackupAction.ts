'use server';
/**
 * Verifies a backup now (GCM tag, manifest, per-table counts and checksums) and returns the
 * report; the result is also recorded on the backup row.
 */
import { z } from 'zod';
import { verifyRecordedBackup } from '@/lib/backup';
import { backupIdSchema } from '@/lib/conventions/backup-id';
import { adminAction } from '../admin-action';

const schema = z.object({ id: backupIdSchema }).strict();

export const verifyBackupAction = adminAction('BACKUP_VERIFY', schema, async ({ id }, { ctx }) => verifyRecordedBackup(ctx, id));
