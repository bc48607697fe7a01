/**
 * Read-only questions about backups: the history list, one backup with its live progress, and
 * the overview a dashboard shows (history, the running create or restore, cloud configured).
 */
import { NotFoundError } from '../errors';
import { toBackupView, toOperationView, type BackupView, type OperationView } from './backup-view';
import type { BackupContext } from './context';
import { listRestores, type RestoreView } from './restore-history';

export const HISTORY_LIMIT = 200;

export async function listBackups(ctx: BackupContext): Promise<BackupView[]> {
  const rows = await ctx.prisma.backup.findMany({
    orderBy: { createdAt: 'desc' },
    take: HISTORY_LIMIT,
    include: { operations: { orderBy: { createdAt: 'desc' }, take: 1 } },
  });
  return rows.map((row) => toBackupView(row, row.operations[0]));
}

export async function getBackup(ctx: BackupContext, id: string): Promise<BackupView> {
  const row = await ctx.prisma.backup.findUnique({
    where: { id },
    include: { operations: { orderBy: { createdAt: 'desc' }, take: 1 } },
  });
  if (!row) throw new NotFoundError('The backup');
  return toBackupView(row, row.operations[0]);
}

/** Whether a create or restore is queued or running (for "another operation is running"). */
export async function activeOperation(ctx: BackupContext) {
  return ctx.prisma.backupOperation.findFirst({
    where: { status: { in: ['QUEUED', 'RUNNING'] }, kind: { in: ['CREATE', 'RESTORE'] } },
    orderBy: { createdAt: 'desc' },
  });
}

/** What the admin page lists: the history, the restores, the running create or restore, cloud on/off. */
export interface BackupOverview {
  backups: BackupView[];
  restores: RestoreView[];
  active: OperationView | null;
  cloudConfigured: boolean;
}

export async function getBackupOverview(ctx: BackupContext): Promise<BackupOverview> {
  const [backups, restores, active] = await Promise.all([listBackups(ctx), listRestores(ctx), activeOperation(ctx)]);
  return { backups, restores, active: active ? toOperationView(active) : null, cloudConfigured: ctx.cloud !== null };
}
