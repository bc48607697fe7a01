/**
 * The health banner: the report's status (green, amber, red — the same as the health API's)
 * with a headline that names the worst problem, when the last successful backup ran and how
 * old it is, the next scheduled run (or that the schedule is off), storage used, whether
 * off-site (cloud) copies are on — and, for every failing check, its reason and its fix in
 * words. Amber and red are never shown under a "fine" headline.
 */
import type { HealthCheck, HealthReport } from '@/lib/backup/service/health';
import { formatAge, formatBytes, formatDateTime } from './format';

const GREEN_HEADLINE = 'Backups are up to date';

function headline(health: HealthReport, failing: HealthCheck[]): string {
  if (health.status === 'green') return GREEN_HEADLINE;
  const worst = failing.find((c) => c.severity === health.status) ?? failing[0];
  const prefix = health.status === 'red' ? 'Action needed: ' : 'Attention: ';
  return `${prefix}${worst ? worst.message : 'a health check failed'}`;
}

export function HealthBanner({ health, timeZone }: { health: HealthReport; timeZone: string }) {
  const failing = health.checks.filter((c) => !c.ok).sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'red' ? -1 : 1));
  return (
    <section className={`banner banner-${health.status}`} aria-labelledby="health-heading" data-status={health.status}>
      <span className="dot" aria-hidden="true" />
      <div>
        <h2 id="health-heading" className="m0">
          <span className="sr-only">Status {health.status}: </span>
          {headline(health, failing)}
        </h2>
      </div>
      <span />
      <dl className="facts">
        <div>
          <dt>Last successful backup</dt>
          <dd>
            {health.lastSuccessfulBackupAt
              ? `${formatDateTime(health.lastSuccessfulBackupAt, timeZone)} (${formatAge(health.ageHours ?? 0)})`
              : 'Never'}
          </dd>
        </div>
        <div>
          <dt>Next scheduled run</dt>
          <dd>{health.nextScheduledRunAt ? formatDateTime(health.nextScheduledRunAt, timeZone) : 'None: scheduled backups are off'}</dd>
        </div>
        <div>
          <dt>Storage used</dt>
          <dd>
            {formatBytes(health.totalBytes)} of {formatBytes(health.maxTotalBytes)} in {health.backupCount} backup{health.backupCount === 1 ? '' : 's'}
          </dd>
        </div>
        <div>
          <dt>Off-site copies</dt>
          <dd data-testid="cloud-status">{health.cloudConfigured ? 'On (S3-compatible storage)' : 'Off'}</dd>
        </div>
      </dl>
      {failing.length > 0 && (
        <>
          <span />
          <ul className="m0 problems" data-testid="health-problems">
            {failing.map((c) => (
              <li key={c.name} data-check={c.name} data-severity={c.severity}>
                <span className={`badge badge-${c.severity}`}>{c.severity === 'red' ? 'Problem' : 'Warning'}</span> {c.message}
                {c.fix && <span className="fix"> To fix: {c.fix}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {!health.cloudConfigured && (
        <>
          <span />
          <p className="m0 small" data-testid="cloud-off">
            Off-site copies are off: every backup is kept on this server only, so a lost or broken server loses the backups too. To turn them on, set
            BACKUP_S3_BUCKET, BACKUP_S3_ACCESS_KEY_ID and BACKUP_S3_SECRET_ACCESS_KEY (and BACKUP_S3_ENDPOINT for a non-AWS service) and restart the app;
            BACKUP_CLOUD_AUTO_UPLOAD=true copies each new backup automatically.
          </p>
        </>
      )}
    </section>
  );
}
