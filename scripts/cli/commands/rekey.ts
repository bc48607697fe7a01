/**
 * `rekey [--dry-run]`: re-encrypts every COMPLETED backup whose row does not name the current
 * key, under the operation lock. Per backup, atomically: open it with whichever configured key
 * fits (old keys come from BACKUP_PREVIOUS_KEYS), seal the SAME gzip plaintext with the current
 * key into a temp file beside it, verify that temp file, and only then rename it over the old
 * one — if anything fails (the old file's GCM tag at the end included) the old file stays. Then
 * the row gets the new size, SHA-256 and fingerprint; a cloud copy is uploaded again when cloud
 * storage is configured, else the row forgets it (cloudStatus NONE). The manifest inside keeps
 * the fingerprint of the key the backup was created with (docs/FORMAT.md).
 * Exits 0 when every backup was re-encrypted, else with the exit code of the first failure.
 */
import { createReadStream } from 'node:fs';
import type { Backup } from '@/generated/prisma/client';
import { uploadToCloud, verifyBackupStream, type BackupContext } from '@/lib/backup';
import { openSealed } from '@/lib/backup/crypto/open';
import { sealToFile } from '@/lib/backup/crypto/seal';
import { acquireOperationLock } from '@/lib/backup/database/operation-lock';
import { CancelledError, CorruptBackupError, WrongKeyError } from '@/lib/backup/errors';
import { openBackupSource } from '@/lib/backup/service/backup-source';
import { sha256OfStream } from '@/lib/backup/storage/checksum';
import type { Command } from '../command';
import { exitCodeFor } from '../exit-codes';
import { toBackupError } from '@/lib/backup/errors';

type CloudOutcome = 'none' | 'uploaded again' | 'forgotten (cloud storage not configured)' | 'upload failed';

interface RekeyItem {
  id: string;
  filename: string;
  from: string | null;
  status: 'would re-encrypt' | 're-encrypted' | 'failed';
  /** Dry run: whether a configured key has the row's fingerprint. */
  keyConfigured?: boolean;
  cloud?: CloudOutcome;
  error?: { code: string; message: string };
}

/** The plaintext of a backup under any configured key; a file no configured key fits is named by its row. */
async function openWithAnyKey(ctx: BackupContext, backup: Backup) {
  const source = await openBackupSource(ctx, backup);
  try {
    return await openSealed(source.stream, ctx.keyring());
  } catch (error) {
    if (!(error instanceof WrongKeyError) || !backup.keyFingerprint) throw error;
    // The row's key is configured, yet no key fits the first bytes: the file was damaged.
    if (ctx.keyring().byFingerprint(backup.keyFingerprint)) throw new CorruptBackupError('its first bytes decrypt with none of the configured keys');
    throw new WrongKeyError(backup.keyFingerprint);
  }
}

async function reencrypt(ctx: BackupContext, backup: Backup, signal: AbortSignal): Promise<{ size: number; sha256: string }> {
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

async function rekeyOne(ctx: BackupContext, backup: Backup, signal: AbortSignal): Promise<RekeyItem> {
  const item: RekeyItem = { id: backup.id, filename: backup.filename, from: backup.keyFingerprint, status: 're-encrypted' };
  try {
    if (signal.aborted) throw new CancelledError();
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

function describe(item: RekeyItem, to: string): string {
  const keys = `${item.from ?? 'unknown key'} -> ${to}`;
  if (item.status === 'would re-encrypt') return `would re-encrypt  ${item.filename}  ${keys}${item.keyConfigured ? '' : '  (its key is NOT configured)'}`;
  const cloud = item.cloud && item.cloud !== 'none' ? `  cloud copy: ${item.cloud}` : '';
  return `${item.status}  ${item.filename}  ${keys}${cloud}${item.error ? `\n  error: ${item.error.message}` : ''}`;
}

export const rekey: Command = {
  name: 'rekey',
  summary: 're-encrypt backups made with older keys under the current key',
  usage: 'rekey [--dry-run]',
  args: [],
  options: { 'dry-run': { type: 'boolean', description: 'only list the backups that would be re-encrypted' } },
  async run({ flag, env, out }) {
    const ctx = await env.backup();
    const keyring = ctx.keyring();
    const to = keyring.current.fingerprint;
    const stale = await ctx.prisma.backup.findMany({
      where: { status: 'COMPLETED', OR: [{ keyFingerprint: null }, { keyFingerprint: { not: to } }] },
      orderBy: { createdAt: 'asc' },
    });
    const items: RekeyItem[] = [];
    if (flag('dry-run')) {
      for (const b of stale) {
        items.push({ id: b.id, filename: b.filename, from: b.keyFingerprint, status: 'would re-encrypt', keyConfigured: b.keyFingerprint ? keyring.byFingerprint(b.keyFingerprint) !== undefined : false });
      }
    } else if (stale.length > 0) {
      const lock = await acquireOperationLock(ctx.databaseUrl);
      try {
        for (const backup of stale) {
          out.note(`re-encrypting ${backup.filename} ...`);
          items.push(await rekeyOne(ctx, backup, env.signal));
        }
      } finally {
        await lock.release();
      }
    }
    const failure = items.find((i) => i.error)?.error;
    const done = items.filter((i) => i.status === 're-encrypted').length;
    const summary =
      stale.length === 0 ? `All backups already use the current key ${to}.`
      : flag('dry-run') ? `${stale.length} backup(s) would be re-encrypted with the current key ${to}.`
      : `Re-encrypted ${done} of ${stale.length} backup(s) with the current key ${to}.`;
    return {
      data: { rekey: { currentKey: to, dryRun: flag('dry-run'), items } },
      lines: [...items.map((i) => describe(i, to)), summary],
      exitCode: failure ? exitCodeFor(failure.code) : 0,
    };
  },
};
