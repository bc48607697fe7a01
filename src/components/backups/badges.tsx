/** Badges for a backup's status, trigger, verification and storage locations. */
import type { BackupView } from '@/lib/backup/service/backup-view';
import { TRIGGER_LABELS } from '@/lib/conventions/trigger-labels';
import { formatDateTime } from './format';

const STATUS: Record<BackupView['status'], [string, string]> = {
  COMPLETED: ['Completed', 'badge-green'],
  RUNNING: ['Running', 'badge-blue'],
  QUEUED: ['Queued', ''],
  FAILED: ['Failed', 'badge-red'],
};


export function StatusBadge({ status }: { status: BackupView['status'] }) {
  const [text, tone] = STATUS[status];
  return <span className={`badge ${tone}`}>{text}</span>;
}

export function TriggerBadge({ trigger }: { trigger: BackupView['trigger'] }) {
  return <span className={`badge${trigger === 'PRE_RESTORE' ? ' badge-amber' : ''}`}>{TRIGGER_LABELS[trigger]}</span>;
}

export function VerifiedBadge({ backup, timeZone }: { backup: BackupView; timeZone: string }) {
  if (backup.verifyError) {
    return (
      <span className="badge badge-red" title={backup.verifyError}>
        Failed check
      </span>
    );
  }
  if (backup.verifiedAt) {
    return (
      <span className="badge badge-green" title={`Verified ${formatDateTime(backup.verifiedAt, timeZone)}`}>
        Verified
      </span>
    );
  }
  return <span className="muted small">Not verified</span>;
}

const CLOUD: Record<BackupView['locations']['cloud'], [string, string] | null> = {
  NONE: null,
  UPLOADING: ['Cloud: uploading', 'badge-blue'],
  UPLOADED: ['Cloud', 'badge-green'],
  FAILED: ['Cloud: failed', 'badge-red'],
};

export function LocationBadges({ backup }: { backup: BackupView }) {
  const cloud = CLOUD[backup.locations.cloud];
  if (!backup.locations.local && !cloud) return <span className="muted small">{backup.status === 'COMPLETED' ? 'File missing' : '—'}</span>;
  return (
    <span className="badges">
      {backup.locations.local && <span className="badge badge-blue">Local</span>}
      {cloud && (
        <span className={`badge ${cloud[1]}`} title={backup.cloudError ?? undefined}>
          {cloud[0]}
        </span>
      )}
    </span>
  );
}
