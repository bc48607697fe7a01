/**
 * Is the school's data protected right now, and will the next backup happen? Every condition
 * that stops the next backup or leaves the data unprotected is a failing check with a severity,
 * its reason and its fix in words: no encryption key, the database unreachable, the backup
 * directory unusable, no worker running, scheduled backups off, no recent good backup, the
 * newest backup unverified, storage over the cap, the cloud bucket unreachable or the newest
 * cloud copy failed, libdeflate asked for (BACKUP_DEFLATE) but not loadable. It also says which
 * deflate compresses. `status` is the worst failing check's severity (green when none fails) and
 * `healthy` is exactly `status === 'green'`, so the two can never disagree. The report holds
 * status fields only — no paths, bucket names or credentials — so a monitor may read it.
 * A database that cannot be reached yields a red report (not an exception): the page still shows why.
 */
import { deflateBackend } from '../compression/deflate-backend';
import { toDatabaseError } from '../database/pg-errors';
import { toBackupError } from '../errors';
import { nextRun } from '../schedule';
import { formatBytes } from '../../conventions/units';
import type { BackupContext } from './context';

export const AMBER_AFTER_HOURS = 24;
export const RED_AFTER_HOURS = 48;
/** The application_name of a running worker's presence connection (jobs/start-worker.ts). */
export const WORKER_APPLICATION_NAME = 'erp-backup-worker';
const HOUR_MS = 3_600_000;

export type HealthStatus = 'green' | 'amber' | 'red';

export interface HealthCheck {
  name:
    | 'database'
    | 'encryption-key'
    | 'backup-directory'
    | 'worker'
    | 'schedule'
    | 'recent-backup'
    | 'verified'
    | 'storage-cap'
    | 'cloud-bucket'
    | 'cloud-copies'
    | 'compression';
  ok: boolean;
  /** What failing means: red stops backups or leaves the data unprotected; amber needs attention. */
  severity: Exclude<HealthStatus, 'green'>;
  message: string;
  /** What to do about it, when failing. */
  fix: string | null;
}

export interface HealthReport {
  healthy: boolean;
  status: HealthStatus;
  checkedAt: string;
  lastSuccessfulBackupAt: string | null;
  ageHours: number | null;
  nextScheduledRunAt: string | null;
  scheduleEnabled: boolean;
  totalBytes: number;
  maxTotalBytes: number;
  backupCount: number;
  cloudConfigured: boolean;
  checks: HealthCheck[];
}

async function problemOf(probe: () => Promise<unknown>): Promise<string | null> {
  try {
    await probe();
    return null;
  } catch (error) {
    return toBackupError(error).message;
  }
}

type CheckInput = Omit<HealthCheck, 'fix'> & { fix?: string };
const check = (c: CheckInput): HealthCheck => ({ ...c, fix: c.ok ? null : (c.fix ?? null) });

/** Which deflate writes the next backup; failing only when BACKUP_DEFLATE=libdeflate cannot load it. */
function compressionCheck(choice: BackupContext['config']['deflate']): HealthCheck {
  let message: string;
  let ok = true;
  try {
    message = `Backups are compressed with ${deflateBackend(choice).name === 'libdeflate' ? 'libdeflate' : 'Node’s zlib'} (BACKUP_DEFLATE=${choice}).`;
  } catch (error) {
    message = toBackupError(error).message;
    ok = false;
  }
  return check({ name: 'compression', ok, severity: 'red', message, fix: 'Install libdeflate (Debian/Ubuntu: apt-get install libdeflate0) or set BACKUP_DEFLATE=auto, then restart the app.' });
}

export function statusOf(checks: readonly HealthCheck[]): HealthStatus {
  const failing = checks.filter((c) => !c.ok);
  if (failing.some((c) => c.severity === 'red')) return 'red';
  return failing.length ? 'amber' : 'green';
}

async function workerRunning(ctx: BackupContext): Promise<boolean> {
  const [row] = await ctx.prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = ${WORKER_APPLICATION_NAME} AND datname = current_database()`;
  return (row?.n ?? 0) > 0;
}

async function readRecords(ctx: BackupContext) {
  const [latest, totals, latestCloud, worker] = await Promise.all([
    ctx.prisma.backup.findFirst({ where: { status: 'COMPLETED' }, orderBy: { createdAt: 'desc' } }),
    ctx.prisma.backup.aggregate({ where: { status: 'COMPLETED' }, _sum: { size: true }, _count: true }),
    ctx.prisma.backup.findFirst({ where: { status: 'COMPLETED', cloudStatus: { in: ['UPLOADED', 'FAILED'] } }, orderBy: { createdAt: 'desc' } }),
    workerRunning(ctx),
  ]);
  return { latest, totals, latestCloud, worker };
}

export async function getHealth(ctx: BackupContext): Promise<HealthReport> {
  const now = ctx.clock();
  const { config } = ctx;
  const schedule = config.schedule;
  const maxTotalBytes = config.retention.maxTotalBytes;
  const [records, directoryProblem, cloudProblem, keyProblem] = await Promise.all([
    readRecords(ctx).then((r) => ({ ok: true as const, ...r }), (error: unknown) => ({ ok: false as const, message: toDatabaseError(error, 'reading the backup records').message })),
    problemOf(() => ctx.local.checkReachable()),
    ctx.cloud ? problemOf(() => ctx.cloud!.checkReachable()) : Promise.resolve(null),
    problemOf(async () => ctx.keyring()),
  ]);

  const checks: HealthCheck[] = [
    check({
      name: 'encryption-key',
      ok: keyProblem === null,
      severity: 'red',
      message: keyProblem ?? 'An encryption key is configured.',
      fix: 'Set BACKUP_ENCRYPTION_KEY to 64 hex characters (generate one with `npm run backup -- keygen`) and restart the app. Keep a copy of the key somewhere safe.',
    }),
    check({
      name: 'backup-directory',
      ok: directoryProblem === null,
      severity: 'red',
      message: directoryProblem ?? 'The backup directory can be written.',
      fix: 'Make BACKUP_DIR a directory the app’s user can create, read and write, or point BACKUP_DIR elsewhere, then restart the app.',
    }),
    compressionCheck(config.deflate),
  ];
  let latest = null as null | { createdAt: Date; verifiedAt: Date | null; verifyError: string | null };
  let totalBytes = 0;
  let backupCount = 0;
  if (!records.ok) {
    checks.unshift(check({ name: 'database', ok: false, severity: 'red', message: records.message, fix: 'Start the database server, or correct DATABASE_URL, then reload this page.' }));
  } else {
    latest = records.latest;
    totalBytes = Number(records.totals._sum.size ?? 0n);
    backupCount = records.totals._count;
    checks.push(
      check({
        name: 'worker',
        ok: records.worker,
        severity: 'red',
        message: records.worker ? 'The backup worker is running.' : 'No backup worker is running: scheduled backups, and backups and restores requested here, will not run.',
        fix: 'Start the app with BACKUP_WORKER unset or "on" (the worker then runs inside it), or run `npm run worker` next to it.',
      }),
    );
    const cloud = records.latestCloud;
    if (ctx.cloud && cloud) {
      checks.push(
        check({
          name: 'cloud-copies',
          ok: cloud.cloudStatus === 'UPLOADED',
          severity: 'amber',
          message: cloud.cloudStatus === 'UPLOADED' ? 'The newest cloud copy was uploaded.' : `The newest cloud copy failed${cloud.cloudError ? `: ${cloud.cloudError}` : '.'}`,
          fix: 'Check the BACKUP_S3_* settings and the bucket’s permissions, then press “Upload to cloud” on the backup.',
        }),
      );
    }
  }
  checks.push(
    check({
      name: 'schedule',
      ok: schedule.enabled,
      severity: 'amber',
      message: schedule.enabled ? `Backups are scheduled (“${schedule.cron}”, ${schedule.timeZone}).` : 'Scheduled backups are off: no backup is made unless someone presses “Back up now”.',
      fix: 'Set BACKUP_SCHEDULE_ENABLED=true (and BACKUP_SCHEDULE, e.g. "0 2 * * *" for 02:00 every night), then restart the app.',
    }),
  );

  const ageHours = latest ? Math.round(((now.getTime() - latest.createdAt.getTime()) / HOUR_MS) * 10) / 10 : null;
  if (records.ok) {
    const maxAge = config.maxAgeHours;
    checks.push(
      check({
        name: 'recent-backup',
        ok: ageHours !== null && ageHours < maxAge,
        severity: ageHours === null || ageHours >= RED_AFTER_HOURS ? 'red' : 'amber',
        message: ageHours === null ? 'No successful backup exists yet.' : `The newest successful backup is ${ageHours} hours old (limit ${maxAge} hours, BACKUP_MAX_AGE_HOURS).`,
        fix: 'Press “Back up now”, and check above why scheduled backups did not run.',
      }),
      check({
        name: 'verified',
        ok: latest !== null && latest.verifiedAt !== null && !latest.verifyError,
        severity: latest?.verifyError ? 'red' : 'amber',
        message: !latest ? 'Nothing to verify yet.' : latest.verifyError ? `The newest backup failed verification: ${latest.verifyError}` : latest.verifiedAt ? 'The newest backup passed verification.' : 'The newest backup has not been verified yet.',
        fix: latest?.verifyError ? 'Take a new backup now and verify it; keep the failed file for investigation.' : 'Press “Verify” on the newest backup (the weekly drill also does this).',
      }),
      check({
        name: 'storage-cap',
        ok: totalBytes <= maxTotalBytes,
        severity: 'amber',
        message: `Backups use ${formatBytes(totalBytes)} of the ${formatBytes(maxTotalBytes)} allowed.`,
        fix: 'Delete old backups, run `npm run backup -- prune`, or raise BACKUP_MAX_STORAGE_MB.',
      }),
    );
  }
  if (ctx.cloud) {
    checks.push(
      check({
        name: 'cloud-bucket',
        ok: cloudProblem === null,
        severity: 'amber',
        message: cloudProblem ?? 'The cloud bucket is reachable.',
        fix: 'Check BACKUP_S3_ENDPOINT, BACKUP_S3_BUCKET and the credentials, and that the bucket exists.',
      }),
    );
  }

  const status = statusOf(checks);
  const next = schedule.enabled ? nextRun(schedule.cron, schedule.timeZone, now) : null;
  return {
    healthy: status === 'green',
    status,
    checkedAt: now.toISOString(),
    lastSuccessfulBackupAt: latest?.createdAt.toISOString() ?? null,
    ageHours,
    nextScheduledRunAt: next?.toISOString() ?? null,
    scheduleEnabled: schedule.enabled,
    totalBytes,
    maxTotalBytes,
    backupCount,
    cloudConfigured: ctx.cloud !== null,
    checks,
  };
}
