/**
 * Compares two backups — `before` (the older, or the one a restore would bring back) with
 * `after` — without touching the live database: both files are loaded into temporary tables of
 * text columns in a scratch database created on the same server for the purpose, compared with
 * the same SQL as a live preview (`compareTable`), and the scratch database is dropped whatever
 * happens. Values compare as the COPY text both files hold.
 *
 * Rows match by the primary key recorded in the `before` manifest when `after` records the same
 * one; otherwise (older files, or a key that changed) by whole rows. A table in one file only
 * compares with an empty table; a table whose columns differ compares on the columns both have,
 * with a note saying so. Each report is returned only after both files verified completely.
 */
import type { Readable } from 'node:stream';
import type pg from 'pg';
import type { Keyring } from '../crypto/keys';
import { cancelOnAbort } from '../database/cancel-on-abort';
import { toDatabaseError } from '../database/pg-errors';
import { CancelledError } from '../errors';
import type { Manifest, ManifestTable } from '../format/manifest';
import { readBackupTables } from '../table-stream/read-backup-tables';
import { compareTable } from './compare-table';
import { backupSide, DEFAULT_SAMPLE_LIMIT, rankTables, totalsOf, type PreviewReport, type TablePreview } from './report';
import { withScratchDatabase } from './scratch-database';
import { isRequested, selectTables, type PreviewScope } from './selection';
import { createTextTempTable, tempTable, tempTableSink } from './session';

export interface BackupInput {
  source: Readable;
  expectedFingerprint?: string;
}

export interface CompareBackupsOptions extends PreviewScope {
  /** Any database on the server that will hold the scratch database (only its server is used). */
  serverUrl: string;
  before: BackupInput;
  after: BackupInput;
  keyring: Keyring;
}

interface LoadedSide {
  manifest: Manifest;
  tables: Map<string, { table: ManifestTable; temp: ReturnType<typeof tempTable>; rows: number }>;
}

export async function compareBackups(options: CompareBackupsOptions): Promise<PreviewReport> {
  const started = performance.now();
  const limit = options.sampleLimit ?? DEFAULT_SAMPLE_LIMIT;
  try {
    return await withScratchDatabase(options.serverUrl, async (client, scratchUrl) => {
      const cancelling = cancelOnAbort(options.signal, scratchUrl, client);
      try {
        return await compareLoaded(client, options, started, limit);
      } finally {
        cancelling.stop();
      }
    });
  } catch (error) {
    if (options.signal?.aborted) throw new CancelledError();
    throw toDatabaseError(error, 'while comparing the two backups in a scratch database');
  } finally {
    options.before.source.destroy();
    options.after.source.destroy();
  }
}

/** Loads both files into temporary tables, then compares them table by table. */
async function compareLoaded(client: pg.Client, options: CompareBackupsOptions, started: number, limit: number): Promise<PreviewReport> {
  const before = await loadSide(client, 'before', options.before, options);
  const after = await loadSide(client, 'after', options.after, options);
  const names = selectTables(unionOfNames(before, after), options.tables);
  const results: TablePreview[] = [];
  for (const name of names) {
    options.onProgress?.({ phase: 'comparing', table: name, tablesDone: results.length, tablesTotal: names.size });
    results.push(await compareTables(client, results.length, name, before, after, limit));
  }
  return {
    before: backupSide(before.manifest),
    after: backupSide(after.manifest),
    tables: rankTables(results),
    totals: totalsOf(results),
    sampleLimit: limit,
    durationMs: Math.round(performance.now() - started),
  };
}

function unionOfNames(before: LoadedSide, after: LoadedSide): string[] {
  return [...new Set([...before.manifest.tables.map((t) => t.name), ...after.manifest.tables.map((t) => t.name)])];
}

async function loadSide(client: pg.ClientBase, side: 'before' | 'after', input: BackupInput, options: CompareBackupsOptions): Promise<LoadedSide> {
  const tables: LoadedSide['tables'] = new Map();
  const read = await readBackupTables({
    source: input.source,
    keyring: options.keyring,
    expectedFingerprint: input.expectedFingerprint,
    signal: options.signal,
    onManifest: async (manifest) => {
      let index = 0;
      for (const table of manifest.tables) {
        if (!isRequested(table.name, options.tables)) continue;
        const temp = tempTable(side, index++);
        await createTextTempTable(client, temp.quoted, table.columns.map((c) => c.name));
        tables.set(table.name, { table, temp, rows: 0 });
      }
    },
    openTable: (table) => {
      const entry = tables.get(table.name);
      if (!entry) return undefined;
      options.onProgress?.({ phase: 'loading', table: table.name, tablesDone: 0, tablesTotal: tables.size });
      return tempTableSink(client, entry.temp, table.columns.map((c) => c.name));
    },
    onTableEnd: (table, rows) => {
      const entry = tables.get(table.name);
      if (entry) entry.rows = rows;
    },
  });
  return { manifest: read.manifest, tables };
}

/** An empty stand-in for a table one side does not have. */
async function emptyTable(client: pg.ClientBase, side: 'before' | 'after', index: number, columns: readonly string[]): Promise<string> {
  const temp = tempTable(side, `empty_${index}`);
  await createTextTempTable(client, temp.quoted, columns);
  return temp.quoted;
}

async function compareTables(
  client: pg.ClientBase,
  index: number,
  name: string,
  before: LoadedSide,
  after: LoadedSide,
  limit: number,
): Promise<TablePreview> {
  const b = before.tables.get(name);
  const a = after.tables.get(name);
  const beforeColumns = b?.table.columns.map((c) => c.name) ?? [];
  const afterColumns = a?.table.columns.map((c) => c.name) ?? [];
  const columns = !b ? afterColumns : !a ? beforeColumns : beforeColumns.filter((c) => afterColumns.includes(c));
  const beforeKey = b?.table.primaryKey;
  const afterKey = a?.table.primaryKey;
  const sameKey = !b || !a ? (beforeKey ?? afterKey) : beforeKey && afterKey && beforeKey.join('\0') === afterKey.join('\0') ? beforeKey : undefined;
  const key = sameKey && sameKey.every((k) => columns.includes(k)) ? sameKey : null;
  const note = !b
    ? 'This table is not in the earlier backup.'
    : !a
      ? 'This table is not in the later backup.'
      : beforeColumns.join('\0') !== afterColumns.join('\0')
        ? `The table's columns differ between the backups; compared on the ${columns.length} columns both have.`
        : undefined;
  return compareTable(client, {
    table: name,
    before: b ? b.temp.quoted : await emptyTable(client, 'before', index, columns),
    after: a ? a.temp.quoted : await emptyTable(client, 'after', index, columns),
    columns,
    key,
    backupRows: b?.rows ?? 0,
    limit,
    ...(note ? { note } : {}),
  });
}
