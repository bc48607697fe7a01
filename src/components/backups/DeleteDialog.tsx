'use client';
/**
 * Confirms deleting one backup (local file, cloud copy and history row), in proportion: one of
 * several good backups needs one click; the last good backup (after which nothing could be
 * restored) needs its date and time typed, as a restore does, and says why. deleteBackupAction
 * checks the same on the server. Stays open with the error shown when the action fails; calls
 * onDeleted (which closes it and refreshes the list) when it succeeds.
 */
import { useState } from 'react';
import { deleteBackupAction } from '@/actions/backups/deleteBackupAction';
import { confirmationPhrase, matchesConfirmation } from '@/lib/conventions/confirmation';
import type { BackupView } from '@/lib/backup/service/backup-view';
import { Modal } from '@/components/ui/Modal';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { ConfirmPhraseField } from './ConfirmPhraseField';
import { formatDateTime } from './format';

export interface DeleteDialogProps {
  backup: BackupView;
  /** This is the only good backup left. */
  lastGood: boolean;
  timeZone: string;
  onClose(): void;
  onDeleted(filename: string): void;
}

export function DeleteDialog({ backup, lastGood, timeZone, onClose, onDeleted }: DeleteDialogProps) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const phrase = confirmationPhrase(backup.createdAt, timeZone);
  const confirmed = !lastGood || matchesConfirmation(typed, backup.createdAt, timeZone);

  async function confirm() {
    setPending(true);
    setError(null);
    const result = await deleteBackupAction(lastGood ? { id: backup.id, confirmName: typed } : { id: backup.id }).catch(() => null);
    setPending(false);
    if (result?.ok) return onDeleted(backup.filename);
    setError(result ? result.error.message : 'The server did not answer. Try again.');
  }

  return (
    <Modal
      title={lastGood ? 'Delete the last good backup?' : 'Delete this backup?'}
      onClose={onClose}
      locked={pending}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={pending}>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" onClick={confirm} disabled={pending || !confirmed}>
            {pending ? 'Deleting…' : 'Delete backup'}
          </button>
        </>
      }
    >
      <p>
        The backup from <strong>{formatDateTime(backup.createdAt, timeZone)}</strong>
        {backup.label ? ` (“${backup.label}”)` : ''} will be removed from this server
        {backup.locations.cloud === 'UPLOADED' ? ' and from cloud storage' : ''}. This cannot be undone.
      </p>
      {lastGood && (
        <>
          <p className="alert alert-error" data-testid="last-good-warning">
            This is the school’s last good backup. After deleting it, nothing could be restored until a new backup is taken.
          </p>
          <ConfirmPhraseField idPrefix="delete" phrase={phrase} value={typed} onChange={setTyped} />
        </>
      )}
      <ErrorAlert message={error} />
    </Modal>
  );
}
