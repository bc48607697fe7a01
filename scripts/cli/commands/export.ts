/**
 * `export <id|file> --out DIR`: the backup's data as standard files, readable without this app:
 * one CSV per table (header row, UTF-8) and a manifest.json (src/lib/backup/export/export-csv.ts).
 * DIR must not exist; it appears only once the whole backup verified (nothing half-written).
 */
import { InvalidInputError } from '@/lib/backup/errors';
import { exportBackupToCsv } from '@/lib/backup/export/export-csv';
import type { Command } from '../command';
import { formatCount } from '../output';
import { openCliBackupSource } from '../open-source';

export const exportCommand: Command = {
  name: 'export',
  summary: 'write the data as one CSV file per table (plus manifest.json) into a new directory',
  usage: 'export <id|file> --out DIR',
  args: [{ name: 'id|file' }],
  options: { out: { type: 'string', short: 'o', valueName: 'DIR', description: 'the new directory to create (required)' } },
  async run({ args, option, env, out }) {
    const dir = option('out');
    if (dir === undefined) throw new InvalidInputError('export needs --out DIR: the new directory for the CSV files.');
    const keyring = env.keyring();
    const source = await openCliBackupSource(env, args[0]!);
    const progress = out.progress();
    const result = await exportBackupToCsv(source.stream, keyring, {
      dir,
      expectedFingerprint: source.expectedFingerprint,
      signal: env.signal,
      onTable: (table, done, total) => progress.update({ phase: 'exporting', table, tablesDone: done, tablesTotal: total, rows: 0, bytes: 0 }),
    }).finally(() => progress.done());
    return {
      data: { export: result },
      lines: [
        `exported ${source.name} (made ${result.createdAt}) to ${result.dir}:`,
        `  ${result.tables.length} CSV files, ${formatCount(result.rows)} rows, and manifest.json (columns and types); the backup verified`,
      ],
    };
  },
};
