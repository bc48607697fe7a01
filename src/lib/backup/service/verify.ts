/**
 * Verifies a recorded backup (local file, or the cloud copy when the file is gone) and records
 * the result on the row: `verifiedAt` on success, `verifyError` on failure. With `trial`, the
 * backup is also restored into a scratch database that is dropped afterwards.
 */
import { toBackupError } from '../errors';
import { verifyBackupStream } from '../verify/verify-backup';
import { trialRestore } from '../verify/trial-restore';
import { findCompletedBackup, openBackupSource } from './backup-source';
import type { BackupContext } from './context';

export interface VerifyReport {
  backupId: string;
  ok: true;
  location: 'local' | 'cloud';
  tables: number;
  rows: number;
  trial: boolean;
  durationMs: number;
}

export async function verifyRecordedBackup(ctx: BackupContext, backupId: string, options: { trial?: boolean } = {}): Promise<VerifyReport> {
  const backup = await findCompletedBackup(ctx, backupId);
  const started = performance.now();
  const keyring = ctx.keyring();
  const expectedFingerprint = backup.keyFingerprint ?? undefined;
  try {
    const source = await openBackupSource(ctx, backup);
    const result = await verifyBackupStream(source.stream, keyring, { expectedFingerprint });
    if (options.trial) await trialRestore(ctx.databaseUrl, (await openBackupSource(ctx, backup)).stream, keyring, { expectedFingerprint });
    await ctx.prisma.backup.update({ where: { id: backupId }, data: { verifiedAt: ctx.clock(), verifyError: null } });
    return {
      backupId,
      ok: true,
      location: source.location,
      tables: result.tables,
      rows: result.rows,
      trial: options.trial ?? false,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    const failure = toBackupError(error);
    await ctx.prisma.backup.update({ where: { id: backupId }, data: { verifyError: `${failure.code}: ${failure.message}` } }).catch(() => undefined);
    throw failure;
  }
}
