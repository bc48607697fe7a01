/** The ids an action's audit row names: the backup its input or result is about, and the operation it queued. */
import { isBackupId } from '@/lib/conventions/backup-id';

/** The backup an input or a result names (`id` or `backupId`), if it looks like one. */
export function backupIdIn(value: unknown): string | undefined {
  const { id, backupId } = (value ?? {}) as { id?: unknown; backupId?: unknown };
  return isBackupId(id) ? id : isBackupId(backupId) ? backupId : undefined;
}

export function operationIdIn(value: unknown): { operationId: string } | undefined {
  const { operationId } = (value ?? {}) as { operationId?: unknown };
  return typeof operationId === 'string' ? { operationId } : undefined;
}
