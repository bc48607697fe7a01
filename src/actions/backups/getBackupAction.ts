'use server';
/**
 * One backup with its latest operation's live progress (phase, tables done, rows, bytes,
 * percent): what the admin page polls after a create or restore.
 */
import { z } from 'zod';
import { getBackup } from '@/lib/backup';
import { backupIdSchema } from '@/lib/conventions/backup-id';
import { adminAction } from '../admin-action';

const schema = z.object({ id: backupIdSchema }).strict();

export const getBackupAction = adminAction('BACKUP_VIEW', schema, async ({ id }, { ctx }) => getBackup(ctx, id));
