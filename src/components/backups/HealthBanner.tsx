/**
 * The health banner: when the last successful backup ran and how old it is — green, amber past
 * 24 h, red past 48 h or when there is none (the report's `status`) — the next scheduled run
 * if a schedule is on, total storage used, and any failing health check by name.
 */
import type { HealthReport } from '@/lib/backup/service/health';
import { formatAge, formatBytes, formatDateTime } from './format';

const HEADLINE: Record<HealthReport['status'], string> = {
  green: 'Backups are up to date',
  amber: 'The last backup is more than a day old',
  red: 'The school’s data is not protected by a recent backup',
};

export function HealthBanner({ health, timeZone }: { health: HealthReport; timeZone: string }) {
  // The headline already covers a missing or old backup; list the other problems.
  const failing = health.checks.filter((c) => !c.ok && c.name !== 'recent-backup' && !(c.name === 'verified' && !health.lastSuccessfulBackupAt));
  return (
    <section className={`banner banner-${health.status}`} aria-labelledby="health-heading" data-status={health.status}>
      <span className="dot" aria-hidden="true" />
      <div>
        <h2 id="health-heading" className="m0">
          <span className="sr-only">Status {health.status}: </span>
          {HEADLINE[health.status]}
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
          <dd>{health.nextScheduledRunAt ? formatDateTime(health.nextScheduledRunAt, timeZone) : 'No schedule configured'}</dd>
        </div>
        <div>
          <dt>Storage used</dt>
          <dd>
            {formatBytes(health.totalBytes)} in {health.backupCount} backup{health.backupCount === 1 ? '' : 's'}
          </dd>
        </div>
      </dl>
      {failing.length > 0 && (
        <>
          <span />
          <ul className="m0 small">
            {failing.map((c) => (
              <li key={c.name}>{c.message}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
