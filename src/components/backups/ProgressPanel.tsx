'use client';
/**
 * The live progress of the operation being followed. A backup shows its phase, tables done of
 * total, rows, bytes and percent with one bar; a restore shows its two steps (RestoreSteps):
 * the safety backup, then the restore itself with its own phases and bar. Each figure is its
 * own labelled item, so the text never runs together. The panel has a fixed minimum height and
 * is always rendered (an idle line when nothing runs), so the page does not jump; the text is an
 * aria-live region so screen readers hear phase changes. Until the first poll answers, the
 * operation shows as waiting to start.
 */
import type { BackupView, OperationProgress } from '@/lib/backup/service/backup-view';
import { formatBytes, formatCount, formatPhase } from './format';
import type { TrackedOperation } from './useOperationTracker';

const QUEUED: OperationProgress = { phase: 'queued', tablesDone: 0, tablesTotal: 0, rows: 0, bytes: 0, percent: 0 };

const TITLES: Record<TrackedOperation['kind'], string> = {
  CREATE: 'Backing up',
  RESTORE: 'Restoring',
  UPLOAD: 'Uploading to cloud storage',
};

export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <progress className="progress" aria-label={label} max={100} value={value}>
      {value}%
    </progress>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function ProgressDetails({ progress }: { progress: OperationProgress }) {
  const p = progress;
  return (
    <dl className="progress-details small" data-testid="progress-details">
      <Item label="Phase">
        <strong>{formatPhase(p.phase)}</strong>
      </Item>
      {p.table && <Item label="Table">{p.table}</Item>}
      <Item label="Tables">
        {formatCount(p.tablesDone)} of {formatCount(p.tablesTotal)}
      </Item>
      <Item label="Rows">{p.rowsTotal ? `${formatCount(p.rows)} of ${formatCount(p.rowsTotal)}` : formatCount(p.rows)}</Item>
      <Item label={p.step === 'restore' || p.step === 'rehearsal' ? 'File read' : 'Data'}>{p.bytesTotal ? `${formatBytes(p.bytes)} of ${formatBytes(p.bytesTotal)}` : formatBytes(p.bytes)}</Item>
      <Item label="Done">{Math.round(p.percent)}%</Item>
    </dl>
  );
}

type StepState = 'waiting' | 'running' | 'done';

function Step({ number, title, state, progress }: { number: number; title: string; state: StepState; progress: OperationProgress }) {
  return (
    <li className={`step step-${state}`} data-step-state={state}>
      <div className="step-title">
        <span className="step-number" aria-hidden="true">
          {state === 'done' ? '✓' : number}
        </span>
        <strong>{title}</strong>
        <span className="muted small">{state === 'done' ? 'done' : state === 'waiting' ? 'waiting' : ''}</span>
      </div>
      {state === 'running' && (
        <>
          <ProgressBar percent={progress.percent} label={title} />
          <ProgressDetails progress={progress} />
        </>
      )}
    </li>
  );
}

/**
 * A restore's two steps, each with its own bar: 1. safety backup (before it, for a replace of
 * chosen tables, the check of the selection against the backup), 2. restore (load, index, commit).
 */
export function RestoreSteps({ progress }: { progress: OperationProgress | null }) {
  const inRestore = progress?.step === 'restore';
  const firstTitle = progress?.step === 'rehearsal' ? 'Checking the chosen tables against the backup (nothing changed yet)' : 'Safety backup of the data as it is now';
  const shown = progress ?? QUEUED;
  return (
    <ol className="steps" data-testid="restore-steps">
      <Step number={1} title={firstTitle} state={inRestore ? 'done' : 'running'} progress={shown} />
      <Step number={2} title="Restore: load the data, rebuild indexes, commit" state={inRestore ? 'running' : 'waiting'} progress={shown} />
    </ol>
  );
}

export function ProgressPanel({ op, view, note }: { op: TrackedOperation | null; view: BackupView | null; note: string }) {
  const progress = op && view?.latestOperation?.id === (op.operationId ?? view?.latestOperation?.id) ? (view?.latestOperation?.progress ?? null) : null;
  const title = op ? `${TITLES[op.kind]}${view ? ` ${view.filename}` : ''}…` : null;
  return (
    <section className={`progress-panel${op ? ' active' : ''}`} aria-label="Operation progress" data-testid="progress-panel">
      <div aria-live="polite">
        {!op ? (
          <p className="muted m0">{note}</p>
        ) : (
          <>
            <div className="line">
              <strong>{title}</strong>
            </div>
            {op.kind === 'RESTORE' ? (
              <RestoreSteps progress={progress} />
            ) : (
              <>
                <ProgressBar percent={(progress ?? QUEUED).percent} label={title ?? 'Progress'} />
                <ProgressDetails progress={progress ?? QUEUED} />
              </>
            )}
          </>
        )}
      </div>
    </section>
  );
}
