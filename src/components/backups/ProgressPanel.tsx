'use client';
/**
 * The live progress of the operation being followed: what it is, its phase, tables done of
 * total, rows, bytes and percent, with a progress bar. The panel has a fixed height and is
 * always rendered (an idle line when nothing runs), so the page never shifts while progress
 * updates; the text is an aria-live region so screen readers hear the phase changes.
 */
import type { BackupView, OperationProgress } from '@/lib/backup/service/backup-view';
import { formatBytes, formatCount, formatPhase } from './format';
import type { TrackedOperation } from './useOperationTracker';

const TITLES: Record<TrackedOperation['kind'], string> = {
  CREATE: 'Backing up',
  RESTORE: 'Restoring',
  UPLOAD: 'Uploading to cloud storage',
};

export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={value}>
      <span style={{ width: `${value}%` }} />
    </div>
  );
}

export function ProgressDetails({ progress }: { progress: OperationProgress | null }) {
  const p = progress ?? { phase: 'queued', tablesDone: 0, tablesTotal: 0, rows: 0, bytes: 0, percent: 0 };
  return (
    <div className="line small" data-testid="progress-details">
      <span>
        <strong>{formatPhase(p.phase)}</strong>
        {p.table ? <span className="muted"> · {p.table}</span> : null}
      </span>
      <span>
        Tables {formatCount(p.tablesDone)}/{formatCount(p.tablesTotal)}
      </span>
      <span>{formatCount(p.rows)} rows</span>
      <span>{formatBytes(p.bytes)}</span>
      <span>{Math.round(p.percent)}%</span>
    </div>
  );
}

export function ProgressPanel({ op, view, note }: { op: TrackedOperation | null; view: BackupView | null; note: string }) {
  const progress = op ? view?.latestOperation?.progress ?? null : null;
  const title = op ? `${TITLES[op.kind]}${view ? ` ${view.filename}` : ''}…` : null;
  return (
    <section className={`progress-panel${op ? ' active' : ''}`} aria-label="Operation progress">
      <div aria-live="polite">
        {op ? (
          <>
            <div className="line">
              <strong>{title}</strong>
            </div>
            <ProgressBar percent={progress?.percent ?? 0} label={title ?? 'Progress'} />
            <ProgressDetails progress={progress} />
          </>
        ) : (
          <p className="muted m0">
            {note}
          </p>
        )}
      </div>
    </section>
  );
}
