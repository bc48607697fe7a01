/**
 * Applies the retention policy (retention.ts) to the recorded backups: deletes the local file,
 * the cloud copy and the row of every backup the plan drops, and reports each decision with its
 * reason. `dryRun` only reports. A deletion that fails is reported, the rest go on, and the
 * failure is notified as "cleanup failed".
 */
import { NotFoundError, toBackupError } from '../errors';
import { planRetention, type RetentionDecision } from '../retention';
import { writeAudit } from './audit';
import type { BackupContext } from './context';
import { notify } from './notifications';

export interface PruneReport {
  decisions: (RetentionDecision & { filename: string; size: number; createdAt: string })[];
  deleted: string[];
  failed: { id: string; message: string }[];
}

/**
 * Removes one backup's file, cloud copy and row. Of several concurrent removals of one backup,
 * one removes the row; the others find it gone and fail with NotFoundError.
 */
export async function removeBackupEverywhere(ctx: BackupContext, backup: { id: string; filename: string; cloudKey: string | null }): Promise<void> {
  await ctx.local.delete(backup.filename);
  if (ctx.cloud && backup.cloudKey) await ctx.cloud.delete(backup.cloudKey);
  const { count } = await ctx.prisma.backup.deleteMany({ where: { id: backup.id } });
  if (count === 0) throw new NotFoundError('The backup');
}

export async function pruneBackups(ctx: BackupContext, options: { dryRun: boolean }): Promise<PruneReport> {
  const backups = await ctx.prisma.backup.findMany({ orderBy: { createdAt: 'desc' } });
  const plan = planRetention(
    backups.map((b) => ({
      id: b.id,
      createdAt: b.createdAt,
      size: b.size,
      status: b.status,
      trigger: b.trigger,
      verified: b.verifiedAt !== null && !b.verifyError,
    })),
    ctx.clock(),
    ctx.config.retention,
    ctx.config.schedule.timeZone,
  );
  const byId = new Map(backups.map((b) => [b.id, b]));
  const report: PruneReport = {
    decisions: plan.map((d) => {
      const b = byId.get(d.id)!;
      return { ...d, filename: b.filename, size: Number(b.size), createdAt: b.createdAt.toISOString() };
    }),
    deleted: [],
    failed: [],
  };
  if (options.dryRun) return report;

  for (const decision of plan.filter((d) => d.action === 'delete')) {
    const backup = byId.get(decision.id)!;
    try {
      await removeBackupEverywhere(ctx, backup);
      report.deleted.push(backup.id);
    } catch (error) {
      report.failed.push({ id: backup.id, message: toBackupError(error).message });
    }
  }
  await writeAudit(ctx.prisma, {
    actor: { kind: 'system', name: 'scheduler' },
    action: 'BACKUP_PRUNE',
    outcome: report.failed.length ? 'FAILURE' : 'SUCCESS',
    details: { deleted: report.deleted.length, failed: report.failed.length },
  });
  if (report.failed.length > 0) {
    await notify(ctx, {
      kind: 'cleanup.failed',
      occurredAt: ctx.clock(),
      error: { code: 'STORAGE', message: `${report.failed.length} old backup(s) could not be deleted: ${report.failed[0]!.message}` },
    });
  }
  return report;
}
