/**
 * The plain, serialisable picture of a backup that every door shows (admin page, actions, CLI
 * `--json`): numbers instead of BigInt, ISO dates, the latest operation's live progress, and
 * nothing secret (no paths, no keys).
 */
import type { Backup, BackupOperation } from '../../../generated/prisma/client';

export interface OperationProgress {
  phase: string;
  table?: string;
  tablesDone: number;
  tablesTotal: number;
  rows: number;
  bytes: number;
  percent: number;
}

export interface OperationView {
  id: string;
  kind: 'CREATE' | 'RESTORE' | 'UPLOAD';
  status: 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED';
  progress: OperationProgress | null;
  error: { code: string; message: string } | null;
  safetyBackupId: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface BackupView {
  id: string;
  filename: string;
  label: string | null;
  status: 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED';
  trigger: 'MANUAL' | 'SCHEDULED' | 'PRE_RESTORE';
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
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toOperationView(op: BackupOperation): OperationView {
  return {
    id: op.id,
    kind: op.kind,
    status: op.status,
    progress: (op.progress as OperationProgress | null) ?? null,
    error: op.errorCode ? { code: op.errorCode, message: op.error ?? '' } : null,
    safetyBackupId: op.safetyBackupId,
    createdAt: op.createdAt.toISOString(),
    finishedAt: iso(op.finishedAt),
  };
}

export function toBackupView(backup: Backup, latest?: BackupOperation | null): BackupView {
  const size = Number(backup.size);
  const uncompressed = backup.uncompressedBytes === null ? null : Number(backup.uncompressedBytes);
  return {
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
}
