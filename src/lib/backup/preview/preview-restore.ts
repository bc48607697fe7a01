/**
 * "What would restoring this backup change?" — compares a backup with the live database,
 * table by table, without writing any application table.
 *
 * 1. The manifest is checked against the live catalog exactly as a restore checks it
 *    (`assertCompatible`): a backup the restore would refuse is refused here, with the same error.
 * 2. One temporary table per compared table is created, shaped like the live table
 *    (`LIKE`), so the backup's COPY text is parsed by the same types a restore would use.
 * 3. `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`: every live read below sees one snapshot,
 *    and PostgreSQL itself refuses any write except to temporary tables.
 * 4. Each table's COPY data streams into its temporary table (backpressure, flat memory), then
 *    `compareTable` counts and samples the differences in SQL.
 * 5. The report is returned only after the whole file verified (GCM tag, counts, hashes).
 * The connection is closed at the end, which drops the temporary tables.
 */
import type { Readable } from 'node:stream';
import type pg from 'pg';
import type { Keyring } from '../crypto/keys';
import { cancelOnAbort } from '../database/cancel-on-abort';
import { readCatalog } from '../database/catalog';
import { toDatabaseError } from '../database/pg-errors';
import { CancelledError } from '../errors';
import type { Manifest } from '../format/manifest';
import { assertCompatible, scopeOf } from '../restore/compatibility';
import { readBackupTables } from '../table-stream/read-backup-tables';
import { compareTable } from './compare-table';
import { exactEqualityColumns } from './exact-equality';
import { backupSide, DEFAULT_SAMPLE_LIMIT, rankTables, totalsOf, type PreviewReport, type TablePreview } from './report';
import { createTempTableLike, liveRelation, openPreviewSession, tempTable, tempTableSink } from './session';
import { selectTables, type PreviewScope } from './selection';

export interface PreviewRestoreOptions extends PreviewScope {
  /** The live database. */
  databaseUrl: string;
  source: Readable;
  keyring: Keyring;
  expectedFingerprint?: string;
}

export async function previewRestore(options: PreviewRestoreOptions): Promise<PreviewReport> {
  const started = performance.now();
  const limit = options.sampleLimit ?? DEFAULT_SAMPLE_LIMIT;
  const client = await openPreviewSession(options.databaseUrl, 'to compare the backup with').catch((error: unknown) => {
    options.source.destroy();
    throw error;
  });
  const results: TablePreview[] = [];
  let selected = new Set<string>();
  let liveTakenAt = '';
  let tablesDone = 0;
  const temps = new Map<string, ReturnType<typeof tempTable>>();
  const keys = new Map<string, string[]>();
  // Ctrl-C stops a long comparison query too, not only the reading of the file.
  const cancelling = cancelOnAbort(options.signal, options.databaseUrl, client);
  try {
    const read = await readBackupTables({
      source: options.source,
      keyring: options.keyring,
      expectedFingerprint: options.expectedFingerprint,
      signal: options.signal,
      onManifest: async (manifest) => {
        selected = selectTables(manifest.tables.map((t) => t.name), options.tables);
        liveTakenAt = await beginSnapshot(client, manifest, selected, temps, keys);
      },
      openTable: (table) => {
        if (!selected.has(table.name)) return undefined;
        options.onProgress?.({ phase: 'loading', table: table.name, tablesDone, tablesTotal: selected.size });
        return tempTableSink(client, temps.get(table.name)!, table.columns.map((c) => c.name));
      },
      onTableEnd: async (table, rows) => {
        if (!selected.has(table.name)) return;
        options.onProgress?.({ phase: 'comparing', table: table.name, tablesDone, tablesTotal: selected.size });
        results.push(
          await compareTable(client, {
            table: table.name,
            before: temps.get(table.name)!.quoted,
            after: liveRelation(table),
            columns: table.columns.map((c) => c.name),
            exactColumns: await exactEqualityColumns(client, liveRelation(table)),
            key: keys.get(table.name) ?? null,
            backupRows: rows,
            limit,
          }),
        );
        tablesDone += 1;
      },
    });
    await client.query('COMMIT');
    return {
      before: backupSide(read.manifest),
      after: { kind: 'live', takenAt: liveTakenAt },
      tables: rankTables(results),
      totals: totalsOf(results),
      sampleLimit: limit,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    if (options.signal?.aborted) throw new CancelledError();
    throw toDatabaseError(error, 'while comparing the backup with the database; nothing was changed');
  } finally {
    cancelling.stop();
    options.source.destroy();
    await client.end().catch(() => undefined);
  }
}

/**
 * Checks the backup against the live catalog, creates the temporary tables, then opens the
 * read-only snapshot (DDL is not allowed inside it). The live primary keys decide how rows
 * match. Returns when the snapshot was taken.
 */
async function beginSnapshot(
  client: pg.ClientBase,
  manifest: Manifest,
  selected: ReadonlySet<string>,
  temps: Map<string, ReturnType<typeof tempTable>>,
  keys: Map<string, string[]>,
): Promise<string> {
  const catalog = await readCatalog(client, scopeOf(manifest));
  assertCompatible(manifest, catalog);
  for (const table of catalog.tables) if (table.primaryKey.length > 0) keys.set(table.key, table.primaryKey);
  let index = 0;
  for (const table of manifest.tables) {
    if (!selected.has(table.name)) continue;
    const temp = tempTable('before', index++);
    await createTempTableLike(client, temp.quoted, liveRelation(table));
    temps.set(table.name, temp);
  }
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  const { rows } = await client.query<{ now: Date }>('SELECT now() AS now');
  return rows[0]!.now.toISOString();
}
