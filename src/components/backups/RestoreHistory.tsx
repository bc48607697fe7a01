/**
 * The restores that were run, newest first: when, who, which backup (its date, label and file),
 * the outcome (the error when it failed) and the safety backup taken before it. Says that
 * restores keep the backups and the audit log. One card per restore, so it reads at any width.
 */
import type { RestoreView } from '@/lib/backup/service/restore-history';
import { formatDateTime } from './format';

const OUTCOME: Record<RestoreView['status'], [string, string]> = {
  COMPLETED: ['Restored', 'badge-green'],
  RUNNING: ['Running', 'badge-blue'],
  QUEUED: ['Queued', ''],
  FAILED: ['Failed', 'badge-red'],
};

export function RestoreHistory({ restores, timeZone }: { restores: RestoreView[]; timeZone: string }) {
  return (
    <section className="stack" aria-labelledby="restores-heading">
      <h2 id="restores-heading">Restores</h2>
      <p className="muted small m0">
        A restore replaces the school’s data, but never the backups or the audit log: both are kept as they are, and every restore is listed here.
      </p>
      {restores.length === 0 ? (
        <p className="muted" data-testid="restores-empty">
          No restore has been run.
        </p>
      ) : (
        <ul className="cards" data-testid="restore-history">
          {restores.map((r) => {
            const [text, tone] = OUTCOME[r.status];
            return (
              <li key={r.id} className="card card-compact" data-restore-id={r.id} data-status={r.status}>
                <div className="row">
                  <strong>{formatDateTime(r.createdAt, timeZone)}</strong>
                  <span className={`badge ${tone}`}>{text}</span>
                </div>
                <dl className="pairs small">
                  <div>
                    <dt>By</dt>
                    <dd>{r.requestedEmail ?? 'the command line'}</dd>
                  </div>
                  <div>
                    <dt>Backup restored</dt>
                    <dd>
                      {formatDateTime(r.backup.createdAt, timeZone)}
                      {r.backup.label ? ` · ${r.backup.label}` : ''} <span className="mono filename">{r.backup.filename}</span>
                    </dd>
                  </div>
                  <div>
                    <dt>Safety backup</dt>
                    <dd>
                      {!r.safetyBackup ? (
                        'none (the restore stopped before taking it)'
                      ) : r.safetyBackup.filename ? (
                        <span className="mono filename">{r.safetyBackup.filename}</span>
                      ) : (
                        'taken, and deleted since'
                      )}
                    </dd>
                  </div>
                  {r.finishedAt && (
                    <div>
                      <dt>Finished</dt>
                      <dd>{formatDateTime(r.finishedAt, timeZone)}</dd>
                    </div>
                  )}
                  {r.error && (
                    <div>
                      <dt>Error</dt>
                      <dd className="error-text">{r.error.message}</dd>
                    </div>
                  )}
                </dl>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
