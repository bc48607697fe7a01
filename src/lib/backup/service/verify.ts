/**
 * The verify use case.
 * - `verifyRecordedBackup`: a recorded backup (local file, or the cloud copy when the file is
 *   gone), with the result recorded on the row: `verifiedAt` on success, `verifyError` on failure.
 * - `verifyFileAtPath`: a file on its own (no row), with the configured keys.
 * With `trial`, the backup is also restored into a scratch database that is dropped afterwards.
 */
import { toBackupError } from '../errors';
import { verifyBackupStream, type VerifyResult } from '../verify/verify-backup';
import { trialRestore } from '../verify/trial-restore';
import type { Keyring } from '../crypto/keys';
import { findCompletedBackup, streamBackupFile, streamRecordedBackup } from './backup-source';
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
    const source = await streamRecordedBackup(ctx, backup);
    const result = await verifyBackupStream(source.stream, keyring, { expectedFingerprint });
    if (options.trial) await trialRestore(ctx.databaseUrl, (await streamRecordedBackup(ctx, backup)).stream, keyring, { expectedFingerprint });
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

export interface FileVerifyReport {
  result: VerifyResult;
  trial: boolean;
  durationMs: number;
}

export async function verifyFileAtPath(
  file: string,
  keyring: Keyring,
  options: {
    /** With it, also restore into a scratch database on this server. */
    trialServerUrl?: () => Promise<string>;
    signal?: AbortSignal;
    onProgress?(p: { phase: 'verifying' | 'trial restore'; rows: number; tablesDone: number; tablesTotal: number }): void;
  } = {},
): Promise<FileVerifyReport> {
  const started = performance.now();
  const result = await verifyBackupStream(await streamBackupFile(file), keyring, {
    signal: options.signal,
    onProgress: (rows, tablesDone) => options.onProgress?.({ phase: 'verifying', rows, tablesDone, tablesTotal: 0 }),
  });
  if (options.trialServerUrl) {
    options.onProgress?.({ phase: 'trial restore', rows: 0, tablesDone: 0, tablesTotal: result.tables });
    await trialRestore(await options.trialServerUrl(), await streamBackupFile(file), keyring, { signal: options.signal });
  }
  return { result, trial: options.trialServerUrl !== undefined, durationMs: Math.round(performance.now() - started) };
}
