'use server';
/**
 * The backup history (newest first, each with its latest operation), the restores, the create
 * or restore currently queued or running (if any), and whether cloud storage is configured.
 */
import { z } from 'zod';
import { loadBackupList, type BackupList } from '@/lib/backup/service/dashboard';
import { adminAction } from '../result';

export type { BackupList };

export const listBackupsAction = adminAction('BACKUP_LIST', z.void(), async (_input, { ctx }): Promise<BackupList> => loadBackupList(ctx));
