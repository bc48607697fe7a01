/**
 * The restores that were run, newest first, for the history: who asked, when it started and
 * ended, which backup it restored (name, date, label), the outcome (with the error when it
 * failed), and the safety backup taken before it. Read from BackupOperation rows, which a
 * restore keeps (like Backup and AuditLog); a restore whose backup was deleted since leaves the
 * list with it (the audit log keeps its record).
 */
import type { BackupContext } from './context';

export const RESTORE_HISTORY_LIMIT = 50;

export interface RestoreView {
  id: string;
  backup: { id: string; filename: string; label: string | null; createdAt: string };
  requestedEmail: string | null;
  status: 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED';
  error: { code: string; message: string } | null;
  createdAt: string;
  finishedAt: string | null;
  /** The safety backup taken first (filename null: it was deleted since); null: none was taken. */
  safetyBackup: { id: string; filename: string | null } | null;
}

export async function listRestores(ctx: BackupContext): Promise<RestoreView[]> {
  const rows = await ctx.prisma.backupOperation.findMany({
    where: { kind: 'RESTORE' },
    orderBy: { createdAt: 'desc' },
    take: RESTORE_HISTORY_LIMIT,
    include: { backup: { select: { id: true, filename: true, label: true, createdAt: true } } },
  });
  const safetyIds = rows.map((r) => r.safetyBackupId).filter((id): id is string => id !== null);
  const safety = new Map(
    (await ctx.prisma.backup.findMany({ where: { id: { in: safetyIds } }, select: { id: true, filename: true } })).map((b) => [b.id, b]),
  );
  return rows.map((r) => ({
    id: r.id,
    backup: { id: r.backup.id, filename: r.backup.filename, label: r.backup.label, createdAt: r.backup.createdAt.toISOString() },
    requestedEmail: r.requestedEmail,
    status: r.status,
    error: r.errorCode ? { code: r.errorCode, message: r.error ?? '' } : null,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    safetyBackup: r.safetyBackupId ? { id: r.safetyBackupId, filename: safety.get(r.safetyBackupId)?.filename ?? null } : null,
  }));
}
