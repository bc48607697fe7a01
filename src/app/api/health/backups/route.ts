/**
 * GET /api/health/backups — for monitors, no session needed. Answers 200 when the backups are
 * healthy and 503 when not (or when the check itself fails), with status fields only: no paths,
 * bucket names, credentials or error messages, since anyone may call it. Never cached.
 */
import { getBackupContext, getHealth } from '@/lib/backup';
import { NO_STORE_HEADERS } from '../../error-response';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    const report = await getHealth(await getBackupContext());
    const body = {
      healthy: report.healthy,
      status: report.status,
      checkedAt: report.checkedAt,
      lastSuccessfulBackupAt: report.lastSuccessfulBackupAt,
      ageHours: report.ageHours,
      nextScheduledRunAt: report.nextScheduledRunAt,
      backupCount: report.backupCount,
      totalBytes: report.totalBytes,
      maxTotalBytes: report.maxTotalBytes,
      cloudConfigured: report.cloudConfigured,
      checks: report.checks.map((check) => ({ name: check.name, ok: check.ok })),
    };
    return Response.json(body, { status: report.healthy ? 200 : 503, headers: NO_STORE_HEADERS });
  } catch (error) {
    console.error('backup health check failed:', error);
    return Response.json({ healthy: false, status: 'red', checks: [] }, { status: 503, headers: NO_STORE_HEADERS });
  }
}
