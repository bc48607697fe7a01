/**
 * `restore <id|file> [--tables A,B [--only-missing [--revert-changed]]] [--yes]`: replaces the
 * database's data with a backup, all or nothing, after a typed confirmation unless `--yes` (a
 * recorded backup: its date and time, as on the page — src/lib/conventions/confirmation.ts; a file:
 * its name); without a terminal, `--yes` is required. With `--tables`, only those tables are
 * replaced (refused, naming rows and the table to add, if that would break a foreign key); with
 * `--only-missing` their rows that are gone are brought back (and with `--revert-changed` rows
 * that differ set back), rows added since stay. Before the question, a selective restore names the
 * tables outside the selection that foreign keys tie to it (and `--json` carries them as `linked`).
 * The core's one restore path checks the key,
 * takes a safety backup of the current
 * data (its name is printed, so the restore can be undone by restoring it), then restores:
 * - id: requestRestore + runOperation (the RESTORE operation, as the worker runs it);
 * - file: restoreBackupFile (the file alone, no row; audit-logged as the CLI).
 */
import path from 'node:path';
import {
  confirmationPhrase,
  describeSample,
  getBackup,
  InvalidInputError,
  linksOutside,
  recordedRestoreChoices,
  requestRestore,
  restoreBackupFile,
  restoreChoices,
  type BackupContext,
  type OutsideLinks,
  type RestoreSelection,
  type SelectiveReport,
} from '@/lib/backup';
import type { Command } from '../command';
import { CLI_ACTOR } from '../context';
import { runInForeground } from '../foreground';
import { formatCount, formatDate, formatDuration, formatTable, type CommandResult, type ProgressRenderer } from '../output';
import { confirmation, type Confirm } from '../prompt';
import { streamBackupFile, resolveTarget, type Target } from '../target';

interface Restored {
  source: string;
  tables: number;
  rows: number;
  durationMs: number;
  safetyBackupId: string;
  selective?: SelectiveReport;
}

interface Run {
  confirm: Confirm;
  signal: AbortSignal;
  progress: ProgressRenderer;
  selection?: RestoreSelection;
}

function warning(database: string, what: string, selection: RestoreSelection | undefined): string {
  const kept = 'Backups and the audit log are kept; a safety backup is taken first.';
  if (!selection) return `This replaces ALL data in database "${database}" with ${what}. ${kept}`;
  const tables = selection.tables.join(', ');
  if (selection.mode === 'replace') return `This replaces the data of ${tables} in database "${database}" with ${what}; other tables are untouched. ${kept}`;
  const revert = selection.revertChanged ? ', and sets rows that changed back to the backup' : '';
  return `This brings back the rows of ${tables} that are gone from database "${database}" from ${what}${revert}; rows added since stay. ${kept}`;
}

function parseSelection(tables: string | undefined, onlyMissing: boolean, revertChanged: boolean): RestoreSelection | undefined {
  if (tables === undefined) {
    if (onlyMissing || revertChanged) throw new InvalidInputError('--only-missing and --revert-changed go with --tables.');
    return undefined;
  }
  const names = tables.split(',').map((t) => t.trim()).filter((t) => t !== '');
  if (names.length === 0) throw new InvalidInputError('--tables needs at least one table name.');
  if (revertChanged && !onlyMissing) throw new InvalidInputError('--revert-changed goes with --only-missing.');
  return { tables: names, mode: onlyMissing ? 'missing' : 'replace', revertChanged };
}

async function restoreRecorded(ctx: BackupContext, id: string, { confirm, signal, progress, selection }: Run): Promise<Restored> {
  const backup = await getBackup(ctx, id);
  await confirm(warning(databaseName(ctx), `backup ${backup.filename} (taken ${formatDate(backup.createdAt)})`, selection), confirmationPhrase(backup.createdAt, ctx.config.schedule.timeZone), signal);
  const started = performance.now();
  const { operationId } = await requestRestore(ctx, { actor: CLI_ACTOR, backupId: id, selection });
  const operation = await runInForeground(ctx, operationId, { signal, progress });
  return {
    source: backup.filename,
    tables: backup.tableCount ?? 0,
    rows: backup.rowCount ?? 0,
    durationMs: Math.round(performance.now() - started),
    safetyBackupId: operation.safetyBackupId!,
    ...(operation.outcome ? { selective: operation.outcome as unknown as SelectiveReport } : {}),
  };
}

async function restoreFile(ctx: BackupContext, file: string, { confirm, signal, progress, selection }: Run): Promise<Restored> {
  (await streamBackupFile(file)).destroy(); // a missing file is reported before the question
  await confirm(warning(databaseName(ctx), `the backup file ${file}`, selection), path.basename(file), signal);
  const outcome = await restoreBackupFile(ctx, { file, actor: CLI_ACTOR, signal, selection, onProgress: (p) => progress.update(p) });
  return { source: file, ...outcome };
}

/** The tables outside the selection that foreign keys tie to it, from the backup and the live catalog; nothing is written. */
async function linkedTables(ctx: BackupContext, target: Target, selection: RestoreSelection): Promise<OutsideLinks> {
  const choices =
    target.kind === 'id'
      ? await recordedRestoreChoices(ctx, target.id)
      : await restoreChoices({ databaseUrl: ctx.databaseUrl, keyring: ctx.keyring(), source: await streamBackupFile(target.path) });
  return linksOutside(choices, selection.tables);
}

function linkedLines(linked: OutsideLinks, selection: RestoreSelection): string[] {
  if (linked.pointingIn.length + linked.pointedTo.length === 0) return ['No table outside the selection is linked to it by a foreign key.'];
  const consequence =
    selection.mode === 'replace'
      ? 'A replace that would leave a row of these pointing to nothing is refused before anything is written: add its table to --tables, or use --only-missing.'
      : 'Rows whose parent is gone now and not in the backup stay out; the result says how many.';
  return [
    'Linked by foreign keys, outside the selection:',
    ...linked.pointingIn.map(({ table, to }) => `  ${table} points to ${to.join(', ')}`),
    ...linked.pointedTo.map(({ table, from }) => `  ${from.join(', ')} ${from.length === 1 ? 'points' : 'point'} to ${table}`),
    consequence,
  ];
}

function selectiveLines(report: SelectiveReport): string[] {
  const rows = report.tables.map((t) => [t.table, formatCount(t.inserted), formatCount(t.updated), formatCount(t.deleted), formatCount(t.withoutParent)]);
  const lines = formatTable(['table', 'inserted', 'updated', 'deleted', 'left out (parent gone)'], rows);
  for (const t of report.tables) {
    if (t.withoutParent > 0) lines.push(`${t.table}: ${t.withoutParent} row(s) not brought back, their parent is gone and not in the backup (e.g. ${describeSample(t.withoutParentSample)})`);
  }
  if (report.sequencesAdvanced.length > 0) lines.push(`sequences moved forward: ${report.sequencesAdvanced.join(', ')}`);
  return lines;
}

function databaseName(ctx: BackupContext): string {
  return decodeURIComponent(new URL(ctx.databaseUrl).pathname.slice(1));
}

export const restore: Command = {
  name: 'restore',
  summary: 'replace the database with a backup (a safety backup is taken first)',
  usage: 'restore <id|file> [--tables A,B [--only-missing [--revert-changed]]] [--yes]',
  args: [{ name: 'id|file' }],
  options: {
    yes: { type: 'boolean', short: 'y', description: 'do not ask for the typed confirmation' },
    tables: { type: 'string', valueName: 'A,B', description: 'restore only these tables (comma-separated); the rest is untouched' },
    'only-missing': { type: 'boolean', description: 'with --tables: bring back only rows that are gone; rows added since stay' },
    'revert-changed': { type: 'boolean', description: 'with --only-missing: also set rows that changed back to the backup' },
  },
  async run({ args, flag, option, env, out }): Promise<CommandResult> {
    const selection = parseSelection(option('tables'), flag('only-missing'), flag('revert-changed'));
    const confirm = confirmation(flag('yes'));
    const target = resolveTarget(args[0]!, env.config().backupDir);
    const ctx = await env.backup();
    const progress = out.progress();
    const run: Run = { confirm, signal: env.signal, progress, selection };
    const linked = selection ? await linkedTables(ctx, target, selection) : undefined;
    if (linked) for (const line of linkedLines(linked, selection!)) out.note(line);
    let restored: Restored;
    try {
      restored = target.kind === 'id' ? await restoreRecorded(ctx, target.id, run) : await restoreFile(ctx, target.path, run);
    } finally {
      progress.done();
    }
    const safety = await getBackup(ctx, restored.safetyBackupId);
    return {
      data: { restore: { ...restored, safetyBackup: safety, ...(linked ? { linked } : {}) } },
      lines: [
        restored.selective
          ? `restored ${selection!.tables.join(', ')} from ${restored.source} in ${formatDuration(restored.durationMs)}`
          : `restored ${restored.source}: ${restored.tables} tables, ${formatCount(restored.rows)} rows in ${formatDuration(restored.durationMs)}`,
        ...(restored.selective ? selectiveLines(restored.selective) : []),
        `safety backup of the data before: ${safety.filename} (id ${safety.id})`,
        `to undo: npm run backup -- restore ${safety.id}`,
      ],
    };
  },
};
