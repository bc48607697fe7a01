/**
 * Is the school's data protected right now? Healthy means: an encryption key is configured (no
 * backup can be made without one), the newest successful backup is younger than BACKUP_MAX_AGE_HOURS, it passed verification, total storage is under the cap,
 * and the backup directory (and cloud bucket, when configured) can be reached. The report holds
 * status fields only — no paths, bucket names or credentials — so a monitor may read it without
 * signing in.
 */
import { toBackupError } from '../errors';
import { nextRun } from '../schedule';
import type { BackupContext } from './context';
import { formatBytes } from '../units';

export const AMBER_AFTER_HOURS = 24;
export const RED_AFTER_HOURS = 48;
const HOUR_MS = 3_600_000;

export interface HealthCheck {
  name: 'encryption-key' | 'recent-backup' | 'verified' | 'storage-cap' | 'backup-directory' | 'cloud-bucket';
  ok: boolean;
  message: string;
}

export interface HealthReport {
  healthy: boolean;
  status: 'green' | 'amber' | 'red';
  checkedAt: string;
  lastSuccessfulBackupAt: string | null;
  ageHours: number | null;
  nextScheduledRunAt: string | null;
  totalBytes: number;
  maxTotalBytes: number;
  backupCount: number;
  cloudConfigured: boolean;
  checks: HealthCheck[];
}

async function reachable(probe: () => Promise<void>): Promise<string | null> {
  try {
    await probe();
    return null;
  } catch (error) {
    return toBackupError(error).message;
  }
}

export async function getHealth(ctx: BackupContext): Promise<HealthReport> {
  const now = ctx.clock();
  const [latest, totals] = await Promise.all([
    ctx.prisma.backup.findFirst({ where: { status: 'COMPLETED' }, orderBy: { createdAt: 'desc' } }),
    ctx.prisma.backup.aggregate({ where: { status: 'COMPLETED' }, _sum: { size: true }, _count: true }),
  ]);
  const ageHours = latest ? Math.round(((now.getTime() - latest.createdAt.getTime()) / HOUR_MS) * 10) / 10 : null;
  const totalBytes = Number(totals._sum.size ?? 0n);
  const maxTotalBytes = ctx.config.retention.maxTotalBytes;
  const [directoryProblem, cloudProblem] = await Promise.all([
    reachable(() => ctx.local.checkReachable()),
    ctx.cloud ? reachable(() => ctx.cloud!.checkReachable()) : Promise.resolve(null),
  ]);

  const keyProblem = await reachable(async () => void ctx.keyring());
  const checks: HealthCheck[] = [
    { name: 'encryption-key', ok: keyProblem === null, message: keyProblem ?? 'An encryption key is configured.' },
    {
      name: 'recent-backup',
      ok: ageHours !== null && ageHours < ctx.config.maxAgeHours,
      message: ageHours === null ? 'No successful backup exists yet.' : `The newest successful backup is ${ageHours} hours old (limit ${ctx.config.maxAgeHours}).`,
    },
    {
      name: 'verified',
      ok: latest !== null && latest.verifiedAt !== null && !latest.verifyError,
      message: !latest ? 'Nothing to verify yet.' : latest.verifyError ? `The newest backup failed verification: ${latest.verifyError}` : latest.verifiedAt ? 'The newest backup passed verification.' : 'The newest backup has not been verified.',
    },
    {
      name: 'storage-cap',
      ok: totalBytes <= maxTotalBytes,
      message: `Backups use ${formatBytes(totalBytes)} of the ${formatBytes(maxTotalBytes)} allowed (BACKUP_MAX_STORAGE_MB).`,
    },
    { name: 'backup-directory', ok: directoryProblem === null, message: directoryProblem ?? 'The backup directory is reachable.' },
  ];
  if (ctx.cloud) checks.push({ name: 'cloud-bucket', ok: cloudProblem === null, message: cloudProblem ?? 'The cloud bucket is reachable.' });

  const schedule = ctx.config.schedule;
  const next = schedule.enabled ? nextRun(schedule.cron, schedule.timeZone, now) : null;
  return {
    healthy: checks.every((c) => c.ok),
    status: ageHours === null || ageHours >= RED_AFTER_HOURS ? 'red' : ageHours >= AMBER_AFTER_HOURS ? 'amber' : 'green',
    checkedAt: now.toISOString(),
    lastSuccessfulBackupAt: latest?.createdAt.toISOString() ?? null,
    ageHours,
    nextScheduledRunAt: next?.toISOString() ?? null,
    totalBytes,
    maxTotalBytes,
    backupCount: totals._count,
    cloudConfigured: ctx.cloud !== null,
    checks,
  };
}
