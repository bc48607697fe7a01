'use client';
/**
 * Confirms deleting one backup (local file, cloud copy and history row), then calls
 * deleteBackupAction. Stays open with the error shown when the action fails; calls onDeleted
 * (which closes it and refreshes the list) when it succeeds.
 */
import { useState } from 'react';
import { deleteBackupAction } from '@/actions/backups/deleteBackupAction';
import type { BackupView } from '@/lib/backup/service/backup-view';
import { Modal } from '@/components/ui/Modal';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { formatDateTime } from './format';

export interface DeleteDialogProps {
  backup: BackupView;
  timeZone: string;
  onClose(): void;
  onDeleted(filename: string): void;
}

export function DeleteDialog({ backup, timeZone, onClose, onDeleted }: DeleteDialogProps) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setPending(true);
    setError(null);
    const result = await deleteBackupAction({ id: backup.id }).catch(() => null);
    setPending(false);
    if (result?.ok) return onDeleted(backup.filename);
    setError(result ? result.error.message : 'The server did not answer. Try again.');
  }

  return (
    <Modal
      title="Delete this backup?"
      onClose={onClose}
      locked={pending}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={pending}>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" onClick={confirm} disabled={pending}>
            {pending ? 'Deleting…' : 'Delete backup'}
          </button>
        </>
      }
    >
      <p>
        The backup from <strong>{formatDateTime(backup.createdAt, timeZone)}</strong> (<code>{backup.filename}</code>) will be
        removed from this server{backup.locations.cloud === 'UPLOADED' ? ' and from cloud storage' : ''}. This cannot be undone.
      </p>
      <ErrorAlert message={error} />
    </Modal>
  );
}
