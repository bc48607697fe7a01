/**
 * The public API of the backup core. Server actions, route handlers, pages, the CLI and the
 * worker import from here (or from the service modules it re-exports); nothing here imports
 * Next.js or React.
 */
export * from './errors';
export { loadBackupConfig, type BackupConfig } from './config';
export { createKeyring, generateKeyHex, keyFingerprint, type Keyring } from './crypto/keys';
export { createBackupFile, type BackupFileResult } from './dump/create-backup-file';
export { restoreDatabase, type RestoreResult, type RestoreProgress } from './restore/restore-database';
export { verifyBackupStream, type VerifyResult } from './verify/verify-backup';
export { trialRestore } from './verify/trial-restore';
export { createBackupContext, type BackupContext, type JobQueue } from './service/context';
export type { Actor, RequestMeta } from './service/actor';
export type { BackupView, OperationView, OperationProgress } from './service/backup-view';
export { writeAudit } from './service/audit';
export { listBackups, getBackup, activeOperation } from './service/queries';
export { requestBackup, requestRestore, requestUpload } from './service/requests';
export { runOperation } from './service/run-operation';
export { verifyRecordedBackup, type VerifyReport } from './service/verify';
export { deleteBackup } from './service/delete';
export { pruneBackups, type PruneReport } from './service/prune';
export { getHealth, type HealthReport } from './service/health';
export { recoverInterruptedOperations, rescanBackupDirectory, type RescanReport } from './service/recovery';
export { takeSafetyBackup } from './service/restore-operation';
export { uploadToCloud } from './service/cloud-copy';
export { previewRestore } from './preview/preview-restore';
export { compareBackups } from './preview/compare-backups';
export { previewRecordedBackup, openRecordedInput } from './preview/preview-recorded-backup';
export type { PreviewReport, TablePreview } from './preview/report';
