/**
 * `restore <id|file> [--yes]`: replaces the database's data with a backup, all or nothing, after
 * a typed confirmation unless `--yes` (a recorded backup: its date and time, as on the page —
 * src/lib/backup/confirmation.ts; a file: its name); without a terminal, `--yes` is
 * required. The core's one restore path checks the key, takes a safety backup of the current
 * data (its name is printed, so the restore can be undone by restoring it), then restores:
 * - id: requestRestore + runOperation (the RESTORE operation, as the worker runs it);
 * - file: restoreBackupFile (the file alone, no row; audit-logged as the CLI).
 */
import path from 'node:path';
import { confirmationPhrase, getBackup, requestRestore, restoreBackupFile, type BackupContext } from '@/lib/backup';
import type { Command } from '../command';
import { CLI_ACTOR } from '../context';
import { runInForeground } from '../foreground';
import { formatCount, formatDate, formatDuration, type CommandResult, type ProgressRenderer } from '../output';
import { confirmation, type Confirm } from '../prompt';
import { streamBackupFile, resolveTarget } from '../target';

interface Restored {
  source: string;
  tables: number;
  rows: number;
  durationMs: number;
  safetyBackupId: string;
}

const warning = (database: string, what: string) =>
  `This replaces ALL data in database "${database}" with ${what}. Backups and the audit log are kept; a safety backup is taken first.`;

async function restoreRecorded(ctx: BackupContext, id: string, confirm: Confirm, signal: AbortSignal, progress: ProgressRenderer): Promise<Restored> {
  const backup = await getBackup(ctx, id);
  await confirm(warning(databaseName(ctx), `backup ${backup.filename} (taken ${formatDate(backup.createdAt)})`), confirmationPhrase(backup.createdAt, ctx.config.schedule.timeZone), signal);
  const started = performance.now();
  const { operationId } = await requestRestore(ctx, { actor: CLI_ACTOR, backupId: id });
  const operation = await runInForeground(ctx, operationId, { signal, progress });
  return {
    source: backup.filename,
    tables: backup.tableCount ?? 0,
    rows: backup.rowCount ?? 0,
    durationMs: Math.round(performance.now() - started),
    safetyBackupId: operation.safetyBackupId!,
  };
}

async function restoreFile(ctx: BackupContext, file: string, confirm: Confirm, signal: AbortSignal, progress: ProgressRenderer): Promise<Restored> {
  (await streamBackupFile(file)).destroy(); // a missing file is reported before the question
  await confirm(warning(databaseName(ctx), `the backup file ${file}`), path.basename(file), signal);
  const outcome = await restoreBackupFile(ctx, { file, actor: CLI_ACTOR, signal, onProgress: (p) => progress.update(p) });
  return { source: file, ...outcome };
}

function databaseName(ctx: BackupContext): string {
  return decodeURIComponent(new URL(ctx.databaseUrl).pathname.slice(1));
}

export const restore: Command = {
  name: 'restore',
  summary: 'replace the database with a backup (a safety backup is taken first)',
  usage: 'restore <id|file> [--yes]',
  args: [{ name: 'id|file' }],
  options: { yes: { type: 'boolean', short: 'y', description: 'do not ask for the typed confirmation' } },
  async run({ args, flag, env, out }): Promise<CommandResult> {
    const confirm = confirmation(flag('yes'));
    const target = resolveTarget(args[0]!, env.config().backupDir);
    const ctx = await env.backup();
    const progress = out.progress();
    let restored: Restored;
    try {
      restored =
        target.kind === 'id'
          ? await restoreRecorded(ctx, target.id, confirm, env.signal, progress)
          : await restoreFile(ctx, target.path, confirm, env.signal, progress);
    } finally {
      progress.done();
    }
    const safety = await getBackup(ctx, restored.safetyBackupId);
    return {
      data: { restore: { ...restored, safetyBackup: safety } },
      lines: [
        `restored ${restored.source}: ${restored.tables} tables, ${formatCount(restored.rows)} rows in ${formatDuration(restored.durationMs)}`,
        `safety backup of the data before: ${safety.filename} (id ${safety.id})`,
        `to undo: npm run backup -- restore ${safety.id}`,
      ],
    };
  },
};
