/**
 * The rekey use case: re-encrypts every COMPLETED backup whose row does not name the current
 * key, under the operation lock. Per backup, atomically: open it with whichever configured key
 * fits (old keys come from BACKUP_PREVIOUS_KEYS), seal the SAME gzip plaintext with the current
 * key into a temp file beside it, verify that temp file, and only then rename it over the old
 * one — if anything fails (the old file's GCM tag at the end included) the old file stays. Then
 * the row gets the new size, SHA-256 and fingerprint; a cloud copy is uploaded again when cloud
 * storage is configured, else the row forgets it (cloudStatus NONE). The manifest inside keeps
 * the fingerprint of the key the backup was created with (docs/FORMAT.md). Each re-encryption
 * (or its failure) is audit-logged as BACKUP_REKEY; `dryRun` only reports what would be done.
 */
import { createReadStream } from 'node:fs';
import type { Backup } from '../../../generated/prisma/client';
import { unseal } from '../crypto/unseal';
import { sealToFile } from '../crypto/seal';
import { acquireOperationLock } from '../database/operation-lock';
import { CancelledError, CorruptBackupError, WrongKeyError, toBackupError } from '../errors';
import { sha256OfStream } from '../storage/checksum';
import { verifyBackupStream } from '../verify/verify-backup';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { streamRecordedBackup } from './backup-source';
import { uploadToCloud } from './cloud-copy';
import type { BackupContext } from './context';

export type CloudOutcome = 'none' | 'uploaded again' | 'forgotten (cloud storage not configured)' | 'upload failed';

export interface RekeyItem {
  id: string;
  filename: string;
  from: string | null;
  status: 'would re-encrypt' | 're-encrypted' | 'failed';
  /** Dry run: whether a configured key has the row's fingerprint. */
  keyConfigured?: boolean;
  cloud?: CloudOutcome;
  error?: { code: string; message: string };
}

export interface RekeyReport {
  currentKey: string;
  dryRun: boolean;
  items: RekeyItem[];
}

export interface RekeyOptions {
  actor: Actor;
  dryRun: boolean;
  signal?: AbortSignal;
  /** Told before each backup is re-encrypted (the CLI prints its name). */
  onBackup?(backup: { id: string; filename: string }): void;
}

/** The plaintext of a backup under any configured key; a file no configured key fits is named by its row. */
async function openWithAnyKey(ctx: BackupContext, backup: Backup) {
  const source = await streamRecordedBackup(ctx, backup);
  try {
    return await unseal(source.stream, ctx.keyring());
  } catch (error) {
    if (!(error instanceof WrongKeyError) || !backup.keyFingerprint) throw error;
    // The row's key is configured, yet no key fits the first bytes: the file was damaged.
    if (ctx.keyring().byFingerprint(backup.keyFingerprint)) throw new CorruptBackupError('its first bytes decrypt with none of the configured keys');
    throw new WrongKeyError(backup.keyFingerprint);
  }
}

async function reencrypt(ctx: BackupContext, backup: Backup, signal?: AbortSignal): Promise<{ size: number; sha256: string }> {
  const current = ctx.keyring().current;
  const { plaintext } = await openWithAnyKey(ctx, backup);
  try {
    return await ctx.local.writeWith(backup.filename, async (tmp) => {
      await sealToFile(plaintext, tmp, current.key, { signal });
      await verifyBackupStream(createReadStream(tmp), ctx.keyring(), { expectedFingerprint: current.fingerprint, signal });
      return sha256OfStream(createReadStream(tmp));
    });
  } finally {
    plaintext.destroy();
  }
}

async function refreshCloudCopy(ctx: BackupContext, backup: Backup): Promise<CloudOutcome> {
  if (backup.cloudStatus === 'NONE') return 'none';
  if (ctx.cloud && backup.cloudStatus === 'UPLOADED') {
    await uploadToCloud(ctx, backup.id);
    return 'uploaded again';
  }
  await ctx.prisma.backup.update({ where: { id: backup.id }, data: { cloudStatus: 'NONE', cloudKey: null, cloudUploadedAt: null, cloudError: null } });
  return 'forgotten (cloud storage not configured)';
}

function errorOf(error: unknown): RekeyItem['error'] {
  const failure = toBackupError(error);
  return { code: failure.code, message: failure.message };
}

async function rekeyOne(ctx: BackupContext, backup: Backup, signal?: AbortSignal): Promise<RekeyItem> {
  const item: RekeyItem = { id: backup.id, filename: backup.filename, from: backup.keyFingerprint, status: 're-encrypted' };
  try {
    if (signal?.aborted) throw new CancelledError();
    const written = await reencrypt(ctx, backup, signal);
    await ctx.prisma.backup.update({
      where: { id: backup.id },
      data: {
        size: BigInt(written.size),
        checksum: written.sha256,
        keyFingerprint: ctx.keyring().current.fingerprint,
        verifiedAt: ctx.clock(),
        verifyError: null,
        fileMissing: false,
      },
    });
  } catch (error) {
    return { ...item, status: 'failed', error: errorOf(error) };
  }
  try {
    item.cloud = await refreshCloudCopy(ctx, backup);
  } catch (error) {
    item.cloud = 'upload failed';
    item.error = errorOf(error);
  }
  return item;
}

export async function rekeyBackups(ctx: BackupContext, options: RekeyOptions): Promise<RekeyReport> {
  const keyring = ctx.keyring();
  const to = keyring.current.fingerprint;
  const stale = await ctx.prisma.backup.findMany({
    where: { status: 'COMPLETED', OR: [{ keyFingerprint: null }, { keyFingerprint: { not: to } }] },
    orderBy: { createdAt: 'asc' },
  });
  const report: RekeyReport = { currentKey: to, dryRun: options.dryRun, items: [] };
  if (options.dryRun) {
    report.items = stale.map((b) => ({
      id: b.id,
      filename: b.filename,
      from: b.keyFingerprint,
      status: 'would re-encrypt',
      keyConfigured: b.keyFingerprint ? keyring.byFingerprint(b.keyFingerprint) !== undefined : false,
    }));
    return report;
  }
  if (stale.length === 0) return report;
  const lock = await acquireOperationLock(ctx.databaseUrl);
  try {
    for (const backup of stale) {
      options.onBackup?.(backup);
      const item = await rekeyOne(ctx, backup, options.signal);
      report.items.push(item);
      await writeAudit(ctx.prisma, {
        actor: options.actor,
        action: 'BACKUP_REKEY',
        outcome: item.status === 're-encrypted' && !item.error ? 'SUCCESS' : 'FAILURE',
        resourceId: backup.id,
        details: { from: item.from ?? 'unknown', to, ...(item.cloud ? { cloud: item.cloud } : {}), ...(item.error ? { code: item.error.code, message: item.error.message } : {}) },
      });
    }
  } finally {
    await lock.release();
  }
  return report;
}
