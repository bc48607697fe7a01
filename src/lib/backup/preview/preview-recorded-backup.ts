/**
 * The preview as the app and the CLI ask for it by backup id: "compare backup X with now"
 * (the live database) or "compare backup X with backup Y" (a scratch database; the live one is
 * not touched). Opens the recorded files (local, or the verified cloud copy) with the key each
 * was recorded with, and hands them to the core comparisons.
 */
import { findCompletedBackup, streamRecordedBackup } from '../service/backup-source';
import type { BackupContext } from '../service/context';
import { compareBackups, type BackupInput } from './compare-backups';
import { previewRestore } from './preview-restore';
import type { PreviewReport } from './report';
import type { PreviewScope } from './selection';

export interface PreviewRequest extends PreviewScope {
  backupId: string;
  /** Compare with this backup instead of the live database. */
  againstBackupId?: string;
}

/** A recorded backup's bytes and the key it was recorded with, ready for a comparison. */
export async function openRecordedInput(ctx: BackupContext, id: string): Promise<BackupInput & { filename: string }> {
  const backup = await findCompletedBackup(ctx, id);
  const { stream } = await streamRecordedBackup(ctx, backup);
  return { source: stream, expectedFingerprint: backup.keyFingerprint ?? undefined, filename: backup.filename };
}

export async function previewRecordedBackup(ctx: BackupContext, request: PreviewRequest): Promise<PreviewReport> {
  const common = { keyring: ctx.keyring(), tables: request.tables, sampleLimit: request.sampleLimit, signal: request.signal, onProgress: request.onProgress };
  const before = await openRecordedInput(ctx, request.backupId);
  if (!request.againstBackupId) return previewRestore({ ...common, databaseUrl: ctx.databaseUrl, ...before });
  const after = await openRecordedInput(ctx, request.againstBackupId).catch((error: unknown) => {
    before.source.destroy();
    throw error;
  });
  return compareBackups({ ...common, serverUrl: ctx.databaseUrl, before, after });
}
