/**
 * Reads the whole application schema as one consistent snapshot and describes it as payload
 * events (manifest, then each table's COPY data) for the payload writer.
 *
 * `openSnapshot` opens a `REPEATABLE READ READ ONLY` transaction on its own `pg` connection,
 * reads the catalog, the applied migrations and the sequence values inside it, and builds the
 * manifest. `snapshotEvents` then streams `COPY "table" ("col", …) TO STDOUT` for every table in
 * dependency order (copy-to-stream.ts); the events are pulled, so backpressure reaches the
 * database. `close()` ends the transaction and the connection (always call it).
 */
import type pg from 'pg';
import { connectFor } from '../database/connect';
import { copyToStream } from '../database/copy-to-stream';
import { toDatabaseError } from '../database/pg-errors';
import { readCatalog, SYSTEM_TABLES, MIGRATIONS_TABLE, type DatabaseCatalog } from '../database/catalog';
import { FORMAT_NAME, FORMAT_VERSION, ROW_TERMINATOR } from '../format/constants';
import type { Manifest, SequenceState } from '../format/manifest';
import type { PayloadInput } from '../format/payload-writer';
import { quoteIdentifier, columnList } from '../../db/identifiers';

/** How the dump's connection shows in pg_stat_activity. */
export const DUMP_APPLICATION_NAME = 'erp-backup-dump';

export interface SnapshotDescription {
  appVersion: string;
  keyFingerprint: string;
  label?: string;
  trigger?: string;
  createdAt?: Date;
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
  const client = await connectFor(sourceUrl, DUMP_APPLICATION_NAME, 'to back it up');
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const catalog = await readCatalog(client);
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
      tables: catalog.tables.map((t) => ({ name: t.name, columns: t.columns, rowEstimate: t.estimatedRows })),
      sequences: await readSequenceStates(client, catalog),
      excludedTables: [...SYSTEM_TABLES, MIGRATIONS_TABLE],
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
      close: () => endConnection(client),
    };
  } catch (error) {
    await client.end().catch(() => undefined);
    throw toDatabaseError(error, 'while reading the catalog');
  }
}

/** Most a clean disconnect may take before the socket is simply destroyed. */
const DISCONNECT_TIMEOUT_MS = 5_000;

async function endConnection(client: pg.Client): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), DISCONNECT_TIMEOUT_MS)));
  const outcome = await Promise.race([client.end().then(() => 'ended' as const, () => 'ended' as const), timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
}

async function readSequenceStates(client: pg.Client, catalog: DatabaseCatalog): Promise<SequenceState[]> {
  const states: SequenceState[] = [];
  for (const s of catalog.sequences) {
    const { rows } = await client.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value::text AS last_value, is_called FROM ${quoteIdentifier(s.sequence)}`,
    );
    states.push({ table: s.table, column: s.column, sequence: s.sequence, value: rows[0]!.last_value, isCalled: rows[0]!.is_called });
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
    yield { type: 'tableBegin', table: table.name };
    const copy = snapshot.client.query(
      copyToStream(`COPY ${quoteIdentifier(table.name)} (${columnList(table.columns.map((c) => c.name))}) TO STDOUT`),
    );
    try {
      for await (const chunk of copy as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        rows += countRows(chunk);
        yield { type: 'tableData', table: table.name, chunk };
        onProgress?.({ table: table.name, tablesDone, rows, bytes });
      }
    } catch (error) {
      throw toDatabaseError(error, 'while reading the database', table.name);
    } finally {
      copy.destroy();
    }
    yield { type: 'tableEnd', table: table.name };
    tablesDone += 1;
    onProgress?.({ table: table.name, tablesDone, rows, bytes });
  }
}
