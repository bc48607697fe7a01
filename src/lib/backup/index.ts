/**
 * The public API of the backup core: what the doors — server actions, route handlers, pages,
 * the CLI, the worker — call. Each use case has one home under `service/` (see
 * docs/decisions/009-layers.md); doors import it from here, never from the modules behind it
 * (the lint rule `no-restricted-imports` keeps actions and the CLI to this file). Nothing here
 * imports Next.js or React.
 */
export * from './errors';
export { toPublicError, type PublicError } from './public-error';
export { loadBackupConfig, type BackupConfig } from './config';
export { createKeyring, generateKeyHex, keyFingerprint, type Keyring } from './crypto/keys';
export { createBackupFile, type BackupFileResult } from './dump/create-backup-file';
export { restoreDatabase, type RestoreResult, type RestoreProgress } from './restore/restore-database';
export { verifyBackupStream, type VerifyResult } from './verify/verify-backup';
export { trialRestore } from './verify/trial-restore';

// The context a use case runs in, and the process-wide one of the app and the worker.
export { createBackupContext, type BackupContext, type JobQueue } from './service/context';
export { getBackupContext } from './runtime/app-context';
export { startBackupWorker, type RunningWorker } from './runtime/start-worker';
export { assertDatabaseReachable, assertDatabaseReady } from './service/database-ready';
export type { Actor, RequestMeta } from './service/actor';
export { toOperationView, type BackupView, type OperationView, type OperationProgress } from './service/backup-view';
export { writeAudit } from './service/audit';

// The use cases.
export { listBackups, getBackup, activeOperation, getBackupOverview, type BackupOverview } from './service/queries';
export { requestBackup, requestRestore, requestUpload, LABEL_MAX_LENGTH, type RequestedOperation } from './service/requests';
export { requestConfirmedRestore } from './service/confirm-restore';
export { runOperation } from './service/run-operation';
export { restoreBackupFile, type RestoreOutcome } from './service/restore';
export { verifyFileAtPath, verifyRecordedBackup, type FileVerifyReport, type VerifyReport } from './service/verify';
export { rekeyBackups, type RekeyItem, type RekeyReport } from './service/rekey';
export { deleteBackup } from './service/delete';
export { pruneBackups, type PruneReport } from './service/prune';
export { getHealth, type HealthReport } from './service/health';
export { recoverInterruptedOperations, rescanBackupDirectory, type RescanReport } from './service/recovery';
export { uploadToCloud } from './service/cloud-copy';
export { findCompletedBackup, locateRecordedBackup, streamBackupFile, streamRecordedBackup, type BackupSource } from './service/backup-source';
export { unseal, type UnsealedStream } from './crypto/unseal';
export { ByteCounter } from './storage/byte-counter';
export { previewRestore } from './preview/preview-restore';
export { compareBackups, type BackupInput } from './preview/compare-backups';
export { previewRecordedBackup, openRecordedInput } from './preview/preview-recorded-backup';
export { linksOutside, recordedRestoreChoices, restoreChoices, type RestoreChoices, type ChoosableTable, type TableLink } from './preview/restore-choices';
export type { OutsideLinks } from '../conventions/linked-tables';
export { restoreSelectionSchema, type RestoreSelection } from './restore/selective/selection';
export type { SelectiveReport } from './restore/selective/report';
export type { KeyBreak } from './restore/selective/key-check';
export { describeSample } from './restore/selective/row-sql';
export { SelectionBreaksKeysError } from './restore/selective/selection-error';
export { DEFAULT_SAMPLE_LIMIT, MAX_SAMPLE_LIMIT, type PreviewReport, type TablePreview } from './preview/report';
export type { PreviewProgress } from './preview/selection';
export { toDatabaseError } from './database/pg-errors';
// The conventions every door shares (src/lib/conventions), for the doors that import only this file.
export { formatBytes } from '../conventions/units';
export { confirmationPhrase, matchesConfirmation } from '../conventions/confirmation';
export { TRIGGER_LABELS } from '../conventions/trigger-labels';
export { exportBackupToCsv, type ExportResult } from './export/export-csv';
export { assertDeleteConfirmed } from './service/last-good-backup';
