'use client';
/**
 * The buttons of one history row. Verify, upload, delete and restore are callbacks into the
 * dashboard; Download is a plain link to the guarded route (GET /api/backups/[id]/download), and
 * "Compare with now" a link to the backup's preview page.
 * Every button says which backup it acts on to assistive technology, and all but Download are
 * disabled while any operation runs.
 */
import type { BackupView } from '@/lib/backup/service/backup-view';

export interface RowActionHandlers {
  onVerify(backup: BackupView): void;
  onUpload(backup: BackupView): void;
  onDelete(backup: BackupView): void;
  onRestore(backup: BackupView): void;
}

export interface RowActionsProps extends RowActionHandlers {
  backup: BackupView;
  busy: boolean;
  verifying: boolean;
  cloudConfigured: boolean;
}

export function RowActions({ backup, busy, verifying, cloudConfigured, onVerify, onUpload, onDelete, onRestore }: RowActionsProps) {
  const completed = backup.status === 'COMPLETED';
  const inProgress = backup.status === 'QUEUED' || backup.status === 'RUNNING';
  const canUpload = cloudConfigured && completed && backup.locations.local && (backup.locations.cloud === 'NONE' || backup.locations.cloud === 'FAILED');
  const name = backup.filename;
  return (
    <div className="actions">
      {completed && (
        <button type="button" className="btn btn-sm" disabled={busy || verifying} aria-label={`Verify ${name}`} onClick={() => onVerify(backup)}>
          {verifying ? 'Verifying…' : 'Verify'}
        </button>
      )}
      {completed && backup.locations.local && (
        <a className="btn btn-sm" href={`/api/backups/${encodeURIComponent(backup.id)}/download`} download={name} aria-label={`Download ${name}`}>
          Download
        </a>
      )}
      {canUpload && (
        <button type="button" className="btn btn-sm" disabled={busy} aria-label={`Upload ${name} to cloud`} onClick={() => onUpload(backup)}>
          Upload to cloud
        </button>
      )}
      {completed && (
        <a className="btn btn-sm" href={`/admin/backups/${encodeURIComponent(backup.id)}/compare`} aria-label={`Compare ${name} with now`}>
          Compare with now
        </a>
      )}
      {completed && (
        <button type="button" className="btn btn-sm" disabled={busy} aria-label={`Restore ${name}`} onClick={() => onRestore(backup)}>
          Restore
        </button>
      )}
      {!inProgress && (
        <button type="button" className="btn btn-sm" disabled={busy} aria-label={`Delete ${name}`} onClick={() => onDelete(backup)}>
          Delete
        </button>
      )}
    </div>
  );
}
