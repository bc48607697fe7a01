/**
 * Start-up recovery and reconciliation.
 * - `recoverInterruptedOperations`: operations left RUNNING by a process that died (nobody holds
 *   the operation lock any more) are marked FAILED with the reason, their backups too (any file
 *   under such a backup's name was never verified and is removed), and temp files of the backup
 *   directory are removed. A RESTORE left RUNNING is judged from the database itself: if its
 *   commit marker (restore/commit-marker.ts, written in the restore's own transaction) exists,
 *   the restore committed and is recorded COMPLETED; otherwise it rolled back and is FAILED.
 *   Operations QUEUED for longer than STUCK_QUEUED_AFTER_MS lost their job
 *   (e.g. the CLI died between request and run) and are failed too, so they stop blocking.
 * - `rescanBackupDirectory`: files in BACKUP_DIR with no row are adopted (their manifest, read
 *   with the keyring, says what they are); rows whose file is gone (and that have no cloud copy)
 *   are flagged `fileMissing`.
 */
import { createReadStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { connectFor } from '../database/connect';
import { isOperationLockHeld } from '../database/operation-lock';
import { hasCommitMarker } from '../restore/commit-marker';
import { toBackupError } from '../errors';
import { removeStaleTempFiles } from '../storage/atomic-file';
import { sha256OfStream } from '../storage/checksum';
import { verifyBackupStream } from '../verify/verify-backup';
import type { BackupContext } from './context';

export const INTERRUPTED_MESSAGE = 'The process running this operation stopped before it finished (crash, restart or kill). Nothing was changed by it.';
export const COMMITTED_MESSAGE = 'The process running this restore stopped after the restore committed, before it could record it: the restore completed.';
export const NEVER_STARTED_MESSAGE = 'This operation was queued but no worker started it. Request it again.';
/** A queued operation not started within this time, while nothing runs, is stuck (its job was lost). */
export const STUCK_QUEUED_AFTER_MS = 15 * 60 * 1000;

export async function recoverInterruptedOperations(ctx: BackupContext): Promise<number> {
  const client = await connectFor(ctx.databaseUrl, 'erp-backup-recovery', 'to look for interrupted operations');
  const committedRestores = new Set<string>();
  try {
    if (await isOperationLockHeld(client)) return 0; // a live process is working
    const restores = await ctx.prisma.backupOperation.findMany({ where: { status: 'RUNNING', kind: 'RESTORE' }, select: { id: true } });
    for (const { id } of restores) if (await hasCommitMarker(client, id)) committedRestores.add(id);
  } finally {
    await client.end();
  }
  const neverStarted = await ctx.prisma.backupOperation.findMany({
    where: { status: 'QUEUED', createdAt: { lt: new Date(ctx.clock().getTime() - STUCK_QUEUED_AFTER_MS) } },
  });
  for (const operation of neverStarted) {
    await ctx.prisma.backupOperation.update({
      where: { id: operation.id },
      data: { status: 'FAILED', errorCode: 'INTERRUPTED', error: NEVER_STARTED_MESSAGE, finishedAt: ctx.clock() },
    });
    if (operation.kind === 'CREATE') {
      await ctx.prisma.backup.updateMany({
        where: { id: operation.backupId, status: 'QUEUED' },
        data: { status: 'FAILED', errorCode: 'INTERRUPTED', error: NEVER_STARTED_MESSAGE, completedAt: ctx.clock() },
      });
    }
  }
  const stuck = await ctx.prisma.backupOperation.findMany({ where: { status: 'RUNNING' } });
  for (const operation of stuck) {
    const committed = committedRestores.has(operation.id);
    await ctx.prisma.backupOperation.update({
      where: { id: operation.id },
      data: committed
        ? { status: 'COMPLETED', error: COMMITTED_MESSAGE, finishedAt: ctx.clock() }
        : { status: 'FAILED', errorCode: 'INTERRUPTED', error: INTERRUPTED_MESSAGE, finishedAt: ctx.clock() },
    });
  }
  const stuckBackups = await ctx.prisma.backup.findMany({ where: { status: 'RUNNING' } });
  for (const backup of stuckBackups) {
    await ctx.prisma.backup.update({
      where: { id: backup.id },
      data: { status: 'FAILED', errorCode: 'INTERRUPTED', error: INTERRUPTED_MESSAGE, completedAt: ctx.clock() },
    });
    // A file renamed into place but never verified (a crash during verification) is not a backup.
    await ctx.local.delete(backup.filename).catch(() => undefined);
  }
  await removeStaleTempFiles(ctx.local.directory, 0).catch(() => undefined);
  return neverStarted.length + stuck.length + stuckBackups.length;
}

export interface RescanReport {
  adopted: string[];
  flaggedMissing: string[];
  unreadable: { filename: string; reason: string }[];
}

export async function rescanBackupDirectory(ctx: BackupContext): Promise<RescanReport> {
  const report: RescanReport = { adopted: [], flaggedMissing: [], unreadable: [] };
  const files = await ctx.local.list();
  const rows = await ctx.prisma.backup.findMany();
  const known = new Set(rows.map((r) => r.filename));

  for (const file of files.filter((f) => !known.has(f.name))) {
    try {
      const path = await ctx.local.pathOf(file.name);
      const result = await verifyBackupStream(createReadStream(path), ctx.keyring());
      const { sha256 } = await sha256OfStream(createReadStream(path));
      await ctx.prisma.backup.create({
        data: {
          filename: file.name,
          label: result.manifest.label ?? `Adopted by rescan (${randomBytes(2).toString('hex')})`,
          status: 'COMPLETED',
          trigger: result.manifest.trigger === 'SCHEDULED' ? 'SCHEDULED' : result.manifest.trigger === 'PRE_RESTORE' ? 'PRE_RESTORE' : 'MANUAL',
          size: BigInt(file.size),
          checksum: sha256,
          keyFingerprint: result.fingerprint,
          formatVersion: result.manifest.formatVersion,
          tableCount: result.tables,
          rowCount: BigInt(result.rows),
          createdAt: new Date(result.manifest.createdAt),
          completedAt: new Date(result.manifest.createdAt),
          verifiedAt: ctx.clock(),
          createdByEmail: 'system:rescan',
        },
      });
      report.adopted.push(file.name);
    } catch (error) {
      report.unreadable.push({ filename: file.name, reason: toBackupError(error).message });
    }
  }

  const present = new Set(files.map((f) => f.name));
  for (const row of rows) {
    const missing = row.status === 'COMPLETED' && !present.has(row.filename);
    if (missing !== row.fileMissing) await ctx.prisma.backup.update({ where: { id: row.id }, data: { fileMissing: missing } });
    if (missing) report.flaggedMissing.push(row.filename);
  }
  return report;
}
