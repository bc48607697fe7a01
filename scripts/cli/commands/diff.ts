/**
 * `diff <backup> [<other-backup>] [--table T,U] [--samples N]`: what restoring a backup would
 * change — per table, rows that would come back, disappear or change — compared with the live
 * database in one read-only snapshot; or, with a second backup, what changed from the first to
 * the second, in a scratch database (the live database is not read). Each backup is an id or a
 * file. Changes nothing; prints a table of counts (biggest first) and a few sample rows per
 * table, or with `--json` the whole report. Progress on stderr.
 */
import {
  compareBackups,
  DEFAULT_SAMPLE_LIMIT,
  InvalidInputError,
  MAX_SAMPLE_LIMIT,
  openRecordedInput,
  previewRestore,
  streamBackupFile,
  type BackupInput,
  type PreviewProgress,
  type PreviewReport,
  type TablePreview,
} from '@/lib/backup';
import type { Command, Invocation } from '../command';
import { formatCount, formatDuration, formatTable } from '../output';
import { resolveTarget } from '../target';

/** Sample rows per kind and table shown in text output (JSON has all that were read). */
const TEXT_SAMPLES = 3;

interface Opened extends BackupInput {
  name: string;
}

async function open(argument: string, invocation: Invocation): Promise<Opened> {
  const target = resolveTarget(argument, invocation.env.config().backupDir);
  if (target.kind === 'file') return { name: target.path, source: await streamBackupFile(target.path) };
  const input = await openRecordedInput(await invocation.env.backup(), target.id);
  return { ...input, name: input.filename };
}

function parseTables(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const tables = value.split(',').map((t) => t.trim()).filter((t) => t !== '');
  if (tables.length === 0) throw new InvalidInputError('--table needs at least one table name.');
  return tables;
}

function parseSamples(value: string | undefined): number {
  if (value === undefined) return DEFAULT_SAMPLE_LIMIT;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > MAX_SAMPLE_LIMIT) throw new InvalidInputError(`--samples takes a whole number from 0 to ${MAX_SAMPLE_LIMIT}.`);
  return n;
}

function describeRow(values: Record<string, string | null>): string {
  return Object.entries(values)
    .map(([column, value]) => `${column}=${value === null ? 'NULL' : JSON.stringify(value)}`)
    .join(' ');
}

function sampleLines(table: TablePreview, live: boolean): string[] {
  const lines: string[] = [];
  const kinds = live ? ['would come back', 'would disappear'] : ['only in the first', 'only in the second'];
  for (const [label, rows] of [
    [kinds[0]!, table.samples.missing],
    [kinds[1]!, table.samples.added],
  ] as const) {
    for (const row of rows.slice(0, TEXT_SAMPLES)) lines.push(`    ${label}: ${describeRow({ ...row.key, ...row.values })}`);
  }
  for (const row of table.samples.changed.slice(0, TEXT_SAMPLES)) {
    const changes = row.changes.map((c) => `${c.column} ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`).join(', ');
    lines.push(`    ${live ? 'would change' : 'changed'}: ${describeRow(row.key)}: ${changes}`);
  }
  return lines;
}

function report(result: PreviewReport, names: string[]): string[] {
  const live = result.after.kind === 'live';
  const headers = live ? ['table', 'come back', 'disappear', 'change', 'unchanged'] : ['table', 'removed', 'added', 'changed', 'unchanged'];
  const rows = result.tables.map((t) => [t.table, ...[t.missing, t.added, t.changed, t.unchanged].map(formatCount)]);
  const changed = result.tables.filter((t) => t.missing + t.added + t.changed > 0);
  const { missing, added, changed: altered } = result.totals;
  return [
    live
      ? `Restoring ${names[0]} (taken ${result.before.takenAt}) would change the database as it is now:`
      : `From ${names[0]} (taken ${result.before.takenAt}) to ${names[1]} (taken ${result.after.takenAt}):`,
    ...formatTable(headers, rows),
    '',
    live
      ? `${formatCount(missing)} rows would come back, ${formatCount(added)} would disappear, ${formatCount(altered)} would change (${changed.length} tables).`
      : `${formatCount(missing)} rows removed, ${formatCount(added)} added, ${formatCount(altered)} changed (${changed.length} tables).`,
    ...changed.flatMap((t) => [`  ${t.table}${t.key ? '' : ' (no primary key: compared by whole rows)'}${t.note ? ` — ${t.note}` : ''}`, ...sampleLines(t, live)]),
    `Compared in ${formatDuration(result.durationMs)}; nothing was changed.`,
  ];
}

export const diff: Command = {
  name: 'diff',
  summary: 'show what restoring a backup would change, or what changed between two backups',
  usage: 'diff <id|file> [<other id|file>] [--table T,U] [--samples N]',
  args: [{ name: 'id|file' }, { name: 'other id|file', optional: true }],
  options: {
    table: { type: 'string', valueName: 'T,U', description: 'compare only these tables (comma-separated)' },
    samples: { type: 'string', valueName: 'N', description: `sample rows per kind and table (default ${DEFAULT_SAMPLE_LIMIT}, at most ${MAX_SAMPLE_LIMIT})` },
  },
  async run(invocation) {
    const { args, env, out } = invocation;
    const tables = parseTables(invocation.option('table'));
    const sampleLimit = parseSamples(invocation.option('samples'));
    const progress = out.progress();
    const onProgress = (p: PreviewProgress) => progress.update({ phase: p.phase, table: p.table, tablesDone: p.tablesDone, tablesTotal: p.tablesTotal, rows: 0, bytes: 0 });
    const common = { keyring: env.keyring(), tables, sampleLimit, signal: env.signal, onProgress };
    const before = await open(args[0]!, invocation);
    let result: PreviewReport;
    const names = [before.name];
    try {
      if (args[1] === undefined) {
        result = await previewRestore({ ...common, databaseUrl: await env.databaseUrl(), ...before });
      } else {
        const after = await open(args[1], invocation);
        names.push(after.name);
        // Only the server is needed: the configured database itself may be gone.
        const serverUrl = env.config().databaseUrl ?? (await env.databaseUrl());
        result = await compareBackups({ ...common, serverUrl, before, after });
      }
    } finally {
      before.source.destroy();
      progress.done();
    }
    return { data: { diff: { backups: names, ...result } }, lines: report(result, names) };
  },
};
