'use server';
/**
 * The backup history (newest first, each with its latest operation), the create or restore
 * currently queued or running (if any), and whether cloud storage is configured.
 */
import { z } from 'zod';
import { getBackupOverview } from '@/lib/backup';
import { adminAction } from '../admin-action';

export const listBackupsAction = adminAction('BACKUP_LIST', z.void(), async (_input, { ctx }) => getBackupOverview(ctx));
