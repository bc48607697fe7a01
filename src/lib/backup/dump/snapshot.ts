/**
 * Reads the whole application schema as one consistent snapshot and describes it as payload
 * events (manifest, then each table's COPY data) for the payload writer.
 *
 * `openSnapshot` pins the session settings that shape COPY text (session-settings.ts), opens a
 * `REPEATABLE READ READ ONLY` transaction on its own `pg` connection, reads the catalog (every
 * schema, minus the exclusions), the applied migrations and the sequence values inside it, and
 * builds the manifest. Objects it cannot copy (foreign tables, large objects) are refused by name
 * before anything is written. `snapshotEvents` then streams
 * `COPY "schema"."table" ("col", …) TO STDOUT` for every table in
 * dependency order (copy-to-stream.ts); the events are pulled, so backpressure reaches the
 * database. `close()` ends the transaction and the connection (always call it).
 */
import type pg from 'pg';
import { connectCuttable } from '../database/connect';
import { copyToStream } from '../database/copy-to-stream';
import { toDatabaseError } from '../database/pg-errors';
import { copyTarget, qualifiedName, readCatalog, type CatalogScope, type DatabaseCatalog } from '../database/catalog';
import { pinSessionSettings } from '../database/session-settings';
import { UnsupportedObjectError } from '../errors';
import { FORMAT_NAME, FORMAT_VERSION, ROW_TERMINATOR } from '../format/constants';
import type { Manifest, SequenceState } from '../format/manifest';
import type { PayloadInput } from '../format/payload-writer';

/** How the dump's connection shows in pg_stat_activity. */
export const DUMP_APPLICATION_NAME = 'erp-backup-dump';

export interface SnapshotDescription {
  appVersion: string;
  keyFingerprint: string;
  label?: string;
  trigger?: string;
  createdAt?: Date;
  /** What to leave out on purpose (BACKUP_EXCLUDE_SCHEMAS / BACKUP_EXCLUDE_TABLES). */
  scope?: CatalogScope;
}

export interface Snapshot {
  catalog: DatabaseCatalog;
  manifest: Manifest;
  client: pg.Client;
  close(): Promise<void>;
}

export interface DumpProgress {
  table: string;
  tablesDone: number;
  /** Rows and COPY bytes read so far, over all tables. */
  rows: number;
  bytes: number;
}

function countRows(chunk: Buffer): number {
  let rows = 0;
  for (let i = chunk.indexOf(ROW_TERMINATOR); i !== -1; i = chunk.indexOf(ROW_TERMINATOR, i + 1)) rows += 1;
  return rows;
}

export async function openSnapshot(sourceUrl: string, description: SnapshotDescription): Promise<Snapshot> {
  const { client, cut } = await connectCuttable(sourceUrl, DUMP_APPLICATION_NAME, 'to back it up');
  try {
    await pinSessionSettings(client);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const catalog = await readCatalog(client, description.scope);
    if (catalog.unsupported.length > 0) {
      throw new UnsupportedObjectError(
        `The database holds data a backup cannot copy: ${catalog.unsupported.join('; ')}. ` +
          'Exclude such tables with BACKUP_EXCLUDE_TABLES (large objects cannot be excluded); nothing was written.',
      );
    }
    const server = await client.query<{ version: string; database: string }>(
      `SELECT current_setting('server_version') AS version, current_database() AS database`,
    );
    const manifest: Manifest = {
      formatName: FORMAT_NAME,
      formatVersion: FORMAT_VERSION,
      appVersion: description.appVersion,
      createdAt: (description.createdAt ?? new Date()).toISOString(),
      postgres: { serverVersion: server.rows[0]!.version, database: server.rows[0]!.database },
      migrations: catalog.migrations,
      tables: catalog.tables.map((t) => ({
        name: t.key,
        schema: t.schema,
        table: t.name,
        columns: t.columns,
        rowEstimate: t.estimatedRows,
        ...(t.primaryKey.length > 0 ? { primaryKey: t.primaryKey } : {}),
      })),
      sequences: await readSequenceStates(client, catalog),
      excluded: catalog.excluded,
      keyFingerprint: description.keyFingerprint,
      ...(description.label ? { label: description.label } : {}),
      ...(description.trigger ? { trigger: description.trigger } : {}),
    };
    return {
      catalog,
      manifest,
      client,
      // Read-only: nothing to commit. Ending the connection also ends a COPY cut short by an error
      // (a COMMIT would wait behind it forever), and the server ends the transaction with it.
      close: () => endConnection(client, cut),
    };
  } catch (error) {
    await client.end().catch(() => undefined);
    throw toDatabaseError(error, 'while reading the catalog');
  }
}

/**
 * Most a clean disconnect may take before the socket is simply destroyed (a COPY cut short while
 * the server still had rows to send leaves it blocked writing, never reading the Terminate).
 */
export const DISCONNECT_TIMEOUT_MS = 5_000;

async function endConnection(client: pg.Client, cut: () => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), DISCONNECT_TIMEOUT_MS)));
  const outcome = await Promise.race([client.end().then(() => 'ended' as const, () => 'ended' as const), timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') cut();
}

async function readSequenceStates(client: pg.Client, catalog: DatabaseCatalog): Promise<SequenceState[]> {
  const states: SequenceState[] = [];
  for (const s of catalog.sequences) {
    const { rows } = await client.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value::text AS last_value, is_called FROM ${qualifiedName(s)}`,
    );
    states.push({ schema: s.schema, sequence: s.name, value: rows[0]!.last_value, isCalled: rows[0]!.is_called });
  }
  return states;
}

export async function* snapshotEvents(
  snapshot: Snapshot,
  onProgress?: (progress: DumpProgress) => void,
): AsyncGenerator<PayloadInput> {
  yield { type: 'manifest', manifest: snapshot.manifest };
  let tablesDone = 0;
  let rows = 0;
  let bytes = 0;
  for (const table of snapshot.catalog.tables) {
    yield { type: 'tableBegin', table: table.key };
    const copy = snapshot.client.query(copyToStream(`COPY ${copyTarget(table)} TO STDOUT`));
    try {
      for await (const chunk of copy as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        rows += countRows(chunk);
        yield { type: 'tableData', table: table.key, chunk };
        onProgress?.({ table: table.key, tablesDone, rows, bytes });
      }
    } catch (error) {
      throw toDatabaseError(error, 'while reading the database', table.key);
    } finally {
      copy.destroy();
    }
    yield { type: 'tableEnd', table: table.key };
    tablesDone += 1;
    onProgress?.({ table: table.key, tablesDone, rows, bytes });
  }
}
