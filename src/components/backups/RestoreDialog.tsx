'use client';
/**
 * The restore dialog, in three steps. 1. Explain (the data returns to the backup's time; a
 * safety backup is taken first; backups and the audit log are kept; it cannot be interrupted)
 * and ask for the backup's date and time, typed as shown (the confirmation phrase of
 * src/lib/conventions/confirmation.ts), and the admin's password; restoreBackupAction checks both on
 * the server and its error is shown as is. 2. While the restore runs (followed by the
 * dashboard's tracker, also after a reload), show its two steps with their own progress; the
 * dialog cannot be closed. 3. Show the result and name the safety backup.
 * Step 1 also asks what to restore (RestoreScope.tsx): everything, or chosen tables only.
 */
import { useRef, useState, type FormEvent } from 'react';
import { restoreBackupAction } from '@/actions/backups/restoreBackupAction';
import { confirmationPhrase, matchesConfirmation } from '@/lib/conventions/confirmation';
import type { BackupView } from '@/lib/backup/service/backup-view';
import { Modal } from '@/components/ui/Modal';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { ConfirmPhraseField } from './ConfirmPhraseField';
import { formatDateTime } from './format';
import { describeOutcome, RestoreScope } from './RestoreScope';
import { isComplete, selectionOf, WHOLE_RESTORE, type RestoreScopeChoice } from './picker/scope-choice';
import { RestoreSteps } from './ProgressPanel';
import type { FinishedOperation } from './useOperationTracker';

export interface RestoreDialogProps {
  backup: BackupView;
  timeZone: string;
  /** The restore being followed, once started (its latest polled view). */
  running: { view: BackupView | null } | null;
  finished: FinishedOperation | null;
  onStarted(operationId: string | null): void;
  onLocked(): void;
  onClose(): void;
  /** What to restore, chosen beforehand (the preview's "Restore deleted rows…"); else everything. */
  initialScope?: RestoreScopeChoice;
}

const KEPT = 'Backups and the audit log are kept as they are: a restore never removes a backup or an audit entry.';

export function RestoreDialog({ backup, timeZone, running, finished, onStarted, onLocked, onClose, initialScope }: RestoreDialogProps) {
  const [confirmName, setConfirmName] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [scope, setScope] = useState(initialScope ?? WHOLE_RESTORE);
  const passwordRef = useRef<HTMLInputElement>(null);
  const when = formatDateTime(backup.createdAt, timeZone);
  const phrase = confirmationPhrase(backup.createdAt, timeZone);
  const locked = pending || running !== null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const result = await restoreBackupAction({ id: backup.id, password, confirmName, selection: selectionOf(scope) }).catch(() => null);
    setPending(false);
    setPassword('');
    if (result?.ok) return onStarted(result.data.operationId ?? null);
    setError(result ? result.error.message : 'The server did not answer. Try again.');
    if (result?.error.code === 'LOCKED') onLocked();
    passwordRef.current?.focus();
  }

  if (finished) {
    return (
      <Modal title={finished.ok ? 'Restore complete' : 'Restore failed'} onClose={onClose} footer={<button type="button" className="btn btn-primary" onClick={onClose} autoFocus>Close</button>}>
        {finished.ok && finished.operation?.outcome ? (
          <p role="status" className="alert alert-success">
            From the backup of {when}: {describeOutcome(finished.operation.outcome)} Everything else is as it was.
          </p>
        ) : finished.ok ? (
          <p role="status" className="alert alert-success">
            The school’s data is back to how it was on {when}.
          </p>
        ) : (
          <ErrorAlert message={finished.operation?.error?.message ?? 'The restore failed. Nothing was changed.'} />
        )}
        {finished.safetyBackupFilename && (
          <p>
            The data as it was just before the restore is kept in the safety backup <code data-testid="safety-backup">{finished.safetyBackupFilename}</code> (trigger
            “Pre-restore” in the history). Restore that one to undo this.
          </p>
        )}
        <p className="muted small">{KEPT}</p>
      </Modal>
    );
  }

  if (running) {
    return (
      <Modal title="Restoring…" onClose={onClose} locked footer={<span className="muted small">Please keep this page open.</span>}>
        <p className="alert alert-warning" data-testid="restore-warning">
          The restore cannot be interrupted. The result appears here when it has finished; reloading the page brings you back here.
        </p>
        <div aria-live="polite">
          <RestoreSteps progress={running.view?.latestOperation?.kind === 'RESTORE' ? (running.view.latestOperation.progress ?? null) : null} />
        </div>
      </Modal>
    );
  }

  const nameMatches = matchesConfirmation(confirmName, backup.createdAt, timeZone);
  return (
    <Modal
      title="Restore this backup?"
      onClose={onClose}
      locked={locked}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={pending}>
            Cancel
          </button>
          <button type="submit" form="restore-form" className="btn btn-danger" disabled={pending || !nameMatches || !password || !isComplete(scope)}>
            {pending ? 'Starting…' : 'Restore'}
          </button>
        </>
      }
    >
      <ul>
        {scope.kind === 'all' ? (
          <li>
            All school data returns to how it was on <strong>{when}</strong>
            {backup.label ? ` (“${backup.label}”)` : ''}. Changes made since then are lost.
          </li>
        ) : (
          <li>
            Only the tables you tick below come back from <strong>{when}</strong>; everything else stays as it is now.
          </li>
        )}
        <li>A safety backup of the data as it is now is taken first, so this can be undone.</li>
        <li>{KEPT}</li>
        <li>Once started, the restore cannot be interrupted. Backups and other restores wait until it ends.</li>
      </ul>
      <form id="restore-form" className="stack" onSubmit={submit}>
        <RestoreScope backupId={backup.id} choice={scope} onChange={setScope} disabled={pending} />
        <ConfirmPhraseField idPrefix="restore" phrase={phrase} value={confirmName} onChange={setConfirmName} />
        <div className="field">
          <label htmlFor="restore-password">Your password</label>
          <input
            id="restore-password"
            ref={passwordRef}
            className="input"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <ErrorAlert message={error} />
      </form>
    </Modal>
  );
}
