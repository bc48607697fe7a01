/**
 * The plain, serialisable picture of a backup that every door shows (admin page, actions, CLI
 * `--json`): numbers instead of BigInt, ISO dates, the latest operation's live progress, and
 * nothing secret (no paths, no keys).
 */
import type { TRIGGER_LABELS } from '../../conventions/trigger-labels';
import type { SelectiveReport } from '../restore/selective/report';
import type { RestoreSelection } from '../restore/selective/selection';
import type { Backup, BackupOperation } from '../../../generated/prisma/client';

export interface OperationProgress {
  /** For a restore: which of its steps runs (a selective replace's rehearsal, the safety backup, then the restore). */
  step?: 'rehearsal' | 'safety-backup' | 'restore';
  phase: string;
  table?: string;
  tablesDone: number;
  tablesTotal: number;
  rows: number;
  bytes: number;
  /** What `bytes` counts towards, when known (a restore: the backup file's size). */
  bytesTotal?: number;
  /** What `rows` counts towards, when known (a restore: the backup's row count). */
  rowsTotal?: number;
  percent: number;
}

export interface OperationView {
  id: string;
  backupId: string;
  /** The user id of who asked for it (null: the scheduler or the CLI). */
  requestedBy: string | null;
  kind: 'CREATE' | 'RESTORE' | 'UPLOAD';
  status: 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED';
  progress: OperationProgress | null;
  error: { code: string; message: string } | null;
  safetyBackupId: string | null;
  /** A selective restore's selection and, once it ran, what it did. */
  selection: RestoreSelection | null;
  outcome: SelectiveReport | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface BackupView {
  id: string;
  filename: string;
  label: string | null;
  status: 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED';
  /** What started it; every trigger has a label (src/lib/conventions/trigger-labels.ts). */
  trigger: keyof typeof TRIGGER_LABELS;
  size: number;
  uncompressedBytes: number | null;
  compressionRatio: number | null;
  durationMs: number | null;
  tableCount: number | null;
  rowCount: number | null;
  keyFingerprint: string | null;
  checksum: string | null;
  verifiedAt: string | null;
  verifyError: string | null;
  locations: { local: boolean; cloud: 'NONE' | 'UPLOADING' | 'UPLOADED' | 'FAILED' };
  cloudError: string | null;
  error: { code: string; message: string } | null;
  createdAt: string;
  completedAt: string | null;
  createdByEmail: string | null;
  latestOperation: OperationView | null;
  /** A good backup (isGoodBackup): deleting the last one needs the stronger confirmation. */
  good: boolean;
}

/**
 * A backup the school could restore from: completed, readable somewhere (local file or cloud
 * copy), and not failed verification. Deleting the last one needs the stronger confirmation.
 */
function isGoodBackup(b: Pick<BackupView, 'status' | 'verifyError' | 'locations'>): boolean {
  return b.status === 'COMPLETED' && !b.verifyError && (b.locations.local || b.locations.cloud === 'UPLOADED');
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toOperationView(op: BackupOperation): OperationView {
  return {
    id: op.id,
    backupId: op.backupId,
    requestedBy: op.requestedBy,
    kind: op.kind,
    status: op.status,
    progress: (op.progress as OperationProgress | null) ?? null,
    error: op.errorCode ? { code: op.errorCode, message: op.error ?? '' } : null,
    safetyBackupId: op.safetyBackupId,
    selection: (op.selection as RestoreSelection | null) ?? null,
    outcome: (op.outcome as SelectiveReport | null) ?? null,
    createdAt: op.createdAt.toISOString(),
    finishedAt: iso(op.finishedAt),
  };
}

export function toBackupView(backup: Backup, latest?: BackupOperation | null): BackupView {
  const size = Number(backup.size);
  const uncompressed = backup.uncompressedBytes === null ? null : Number(backup.uncompressedBytes);
  const view = {
    id: backup.id,
    filename: backup.filename,
    label: backup.label,
    status: backup.status,
    trigger: backup.trigger,
    size,
    uncompressedBytes: uncompressed,
    compressionRatio: uncompressed && size ? Math.round((uncompressed / size) * 10) / 10 : null,
    durationMs: backup.durationMs,
    tableCount: backup.tableCount,
    rowCount: backup.rowCount === null ? null : Number(backup.rowCount),
    keyFingerprint: backup.keyFingerprint,
    checksum: backup.checksum,
    verifiedAt: iso(backup.verifiedAt),
    verifyError: backup.verifyError,
    locations: { local: backup.status === 'COMPLETED' && !backup.fileMissing, cloud: backup.cloudStatus },
    cloudError: backup.cloudError,
    error: backup.errorCode ? { code: backup.errorCode, message: backup.error ?? '' } : null,
    createdAt: backup.createdAt.toISOString(),
    completedAt: iso(backup.completedAt),
    createdByEmail: backup.createdByEmail,
    latestOperation: latest ? toOperationView(latest) : null,
  };
  return { ...view, good: isGoodBackup(view) };
}
