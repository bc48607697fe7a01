/**
 * What the admin page lists, read in one place for the page's first render and for
 * listBackupsAction's refreshes: the backup history, the restores, the create or restore now
 * queued or running (if any), and whether cloud copies are configured.
 */
import { toOperationView, type BackupView, type OperationView } from './backup-view';
import type { BackupContext } from './context';
import { activeOperation, listBackups } from './queries';
import { listRestores, type RestoreView } from './restore-history';

export interface BackupList {
  backups: BackupView[];
  restores: RestoreView[];
  active: OperationView | null;
  cloudConfigured: boolean;
}

export async function loadBackupList(ctx: BackupContext): Promise<BackupList> {
  const [backups, restores, active] = await Promise.all([listBackups(ctx), listRestores(ctx), activeOperation(ctx)]);
  return { backups, restores, active: active ? toOperationView(active) : null, cloudConfigured: ctx.cloud !== null };
}
