/**
 * What the scheduler runs. A scheduled backup records its own Backup row (trigger SCHEDULED),
 * runs in the job (so pg-boss's retry policy applies: a failed run throws and is retried after
 * BACKUP_RETRY_DELAY_SECONDS), prunes by retention, and raises "unhealthy" when the health
 * check fails. The verify drill verifies the newest backup (optionally by a trial restore into a
 * scratch database) and alerts on failure.
 */
import { toBackupError } from '../errors';
import type { BackupContext } from '../service/context';
import { getHealth } from '../service/health';
import { notify } from '../service/notifications';
import { requestBackup } from '../service/requests';
import { runOperation } from '../service/run-operation';
import { verifyRecordedBackup } from '../service/verify';

async function alertIfUnhealthy(ctx: BackupContext): Promise<void> {
  const health = await getHealth(ctx);
  if (health.healthy) return;
  await notify(ctx, {
    kind: 'health.unhealthy',
    occurredAt: ctx.clock(),
    failedChecks: health.checks.filter((c) => !c.ok).map((c) => ({ name: c.name, message: c.message })),
  });
}

export async function runScheduledBackup(ctx: BackupContext): Promise<void> {
  // Enqueue nothing: this job runs the operation itself, so a failure here is retried by the queue.
  const inline = { ...ctx, jobs: null };
  try {
    const { operationId } = await requestBackup(inline, { actor: { kind: 'system', name: 'scheduler' }, trigger: 'SCHEDULED' });
    const operation = await runOperation(inline, operationId, { runner: { kind: 'system', name: 'scheduler' } });
    if (operation.status === 'FAILED') throw new Error(`scheduled backup failed: ${operation.errorCode}: ${operation.error}`);
  } finally {
    await alertIfUnhealthy(ctx).catch(() => undefined);
  }
}

export async function runVerifyDrill(ctx: BackupContext): Promise<void> {
  const latest = await ctx.prisma.backup.findFirst({ where: { status: 'COMPLETED' }, orderBy: { createdAt: 'desc' } });
  if (!latest) return alertIfUnhealthy(ctx);
  try {
    await verifyRecordedBackup(ctx, latest.id, { trial: ctx.config.schedule.verifyTrial });
  } catch (error) {
    const failure = toBackupError(error);
    await notify(ctx, {
      kind: 'verify.failed',
      occurredAt: ctx.clock(),
      backupId: latest.id,
      backupName: latest.filename,
      error: { code: failure.code, message: failure.message },
    });
  }
}
