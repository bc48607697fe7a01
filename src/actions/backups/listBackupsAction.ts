'use server';
/**
 * The backup history (newest first, each with its latest operation), the create or restore
 * currently queued or running (if any), and whether cloud storage is configured.
 */
import { z } from 'zod';
import { activeOperation, listBackups, type BackupView, type OperationView } from '@/lib/backup';
import { toOperationView } from '@/lib/backup/service/backup-view';
import { adminAction } from '../result';

export interface BackupList {
  backups: BackupView[];
  active: OperationView | null;
  cloudConfigured: boolean;
}

export const listBackupsAction = adminAction('BACKUP_LIST', z.void(), async (_input, { ctx }): Promise<BackupList> => {
  const [backups, active] = await Promise.all([listBackups(ctx), activeOperation(ctx)]);
  return { backups, active: active ? toOperationView(active) : null, cloudConfigured: ctx.cloud !== null };
});
