/**
 * Start-up recovery and reconciliation.
 * - `recoverInterruptedOperations`: backups left RUNNING by a process that died (nobody holds
 *   the operation lock any more) whose file is complete — the process died during the read-back
 *   verification, after the atomic rename — are verified and adopted (COMPLETED, and their CREATE
 *   operation too); the others are marked FAILED with the reason and any file under their name is
 *   removed. A RESTORE left RUNNING is judged from the database itself: if its commit marker
 *   (restore/commit-marker.ts, written in the restore's own transaction) exists, the restore
 *   committed and is recorded COMPLETED; otherwise it rolled back and is FAILED. Other operations
 *   left RUNNING are marked FAILED, and temp files of the backup directory are removed.
 *   Operations QUEUED for longer than STUCK_QUEUED_AFTER_MS lost their job
 *   (e.g. the CLI died between request and run) and are failed too, so they stop blocking.
 * - `rescanBackupDirectory`: files in BACKUP_DIR with no row are adopted (their manifest, read
 *   with the keyring, says what they are); rows whose file is gone (and that have no cloud copy)
 *   are flagged `fileMissing`.
 */
import { randomBytes } from 'node:crypto';
import { connectFor } from '../database/connect';
import { isOperationLockHeld } from '../database/operation-lock';
import { hasCommitMarker } from '../restore/commit-marker';
import { toBackupError } from '../errors';
import { removeStaleTempFiles } from '../storage/atomic-file';
import type { BackupContext } from './context';
import { verifyBackupFile } from './file-facts';

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
  const stuckBackups = await ctx.prisma.backup.findMany({ where: { status: 'RUNNING' } });
  const adopted = new Set<string>();
  for (const backup of stuckBackups) {
    if (await adoptVerifiedFile(ctx, backup.id, backup.filename)) {
      adopted.add(backup.id);
      continue;
    }
    await ctx.prisma.backup.update({
      where: { id: backup.id },
      data: { status: 'FAILED', errorCode: 'INTERRUPTED', error: INTERRUPTED_MESSAGE, completedAt: ctx.clock() },
    });
    // Whatever lies under the name did not verify (or is not there): it is not a backup.
    await ctx.local.delete(backup.filename).catch(() => undefined);
  }
  const stuck = await ctx.prisma.backupOperation.findMany({ where: { status: 'RUNNING' } });
  for (const operation of stuck) {
    const committedRestore = committedRestores.has(operation.id);
    const adoptedBackup = operation.kind === 'CREATE' && adopted.has(operation.backupId);
    await ctx.prisma.backupOperation.update({
      where: { id: operation.id },
      data: committedRestore
        ? { status: 'COMPLETED', error: COMMITTED_MESSAGE, finishedAt: ctx.clock() }
        : adoptedBackup
          ? { status: 'COMPLETED', finishedAt: ctx.clock() }
          : { status: 'FAILED', errorCode: 'INTERRUPTED', error: INTERRUPTED_MESSAGE, finishedAt: ctx.clock() },
    });
  }
  await removeStaleTempFiles(ctx.local.directory, 0).catch(() => undefined);
  return neverStarted.length + stuck.length + stuckBackups.length;
}

/** Marks a RUNNING backup COMPLETED when the file under its name verifies; false when it does not. */
async function adoptVerifiedFile(ctx: BackupContext, backupId: string, filename: string): Promise<boolean> {
  try {
    const file = await verifyBackupFile(ctx, filename);
    await ctx.prisma.backup.update({ where: { id: backupId }, data: { ...file.completed, location: 'local', completedAt: ctx.clock() } });
    return true;
  } catch {
    return false;
  }
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
      const { manifest, completed } = await verifyBackupFile(ctx, file.name);
      await ctx.prisma.backup.create({
        data: {
          ...completed,
          filename: file.name,
          label: manifest.label ?? `Adopted by rescan (${randomBytes(2).toString('hex')})`,
          trigger: manifest.trigger === 'SCHEDULED' ? 'SCHEDULED' : manifest.trigger === 'PRE_RESTORE' ? 'PRE_RESTORE' : 'MANUAL',
          createdAt: new Date(manifest.createdAt),
          completedAt: new Date(manifest.createdAt),
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
