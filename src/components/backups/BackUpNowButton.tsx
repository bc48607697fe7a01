'use client';
/**
 * "Back up now": an optional label (shown in the history) and the button, which calls
 * createBackupAction. The action only queues the work; on success the dashboard follows the new
 * operation's progress. The action's error is shown as is; LOCKED also tells the dashboard
 * that another operation holds the lock.
 */
import { useState, type FormEvent } from 'react';
import { createBackupAction } from '@/actions/backups/createBackupAction';
import { ErrorAlert } from '@/components/ui/ErrorAlert';

/** A typing hint only: createBackupAction validates the label on the server (LABEL_MAX_LENGTH). */
export const LABEL_MAX = 120;

export interface BackUpNowProps {
  disabled: boolean;
  onStarted(started: { backupId: string; operationId: string }): void;
  onLocked(): void;
}

export function BackUpNowButton({ disabled, onStarted, onLocked }: BackUpNowProps) {
  const [label, setLabel] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const trimmed = label.trim();
    const result = await createBackupAction(trimmed ? { label: trimmed } : {}).catch(() => null);
    setPending(false);
    if (result?.ok) {
      setLabel('');
      return onStarted(result.data);
    }
    setError(result ? result.error.message : 'The server did not answer. Try again.');
    if (result?.error.code === 'LOCKED') onLocked();
  }

  return (
    <form className="stack" onSubmit={submit} aria-label="Create a backup">
      <div className="row">
        <div className="field spacer">
          <label htmlFor="backup-label">Label (optional)</label>
          <input
            id="backup-label"
            className="input"
            maxLength={LABEL_MAX}
            placeholder="e.g. before term-end grade import"
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            disabled={disabled || pending}
          />
        </div>
        <button type="submit" className="btn btn-primary back-up-now" disabled={disabled || pending}>
          {pending ? 'Starting…' : 'Back up now'}
        </button>
      </div>
      <ErrorAlert message={error} />
    </form>
  );
}
