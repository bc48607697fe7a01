/**
 * The preview's connection: the dump's and restore's pinned session settings
 * (session-settings.ts), so that loading COPY text and printing values as text do not depend on
 * the server's, database's or role's defaults, plus room for temporary tables
 * (TEMP_BUFFERS); and the temporary tables that receive a backup's rows. Temporary tables live
 * in the session's own `pg_temp` schema, vanish when the connection closes (even after a
 * crash), and are the only thing the preview ever writes.
 */
import type pg from 'pg';
import { columnList, quoteIdentifier } from '../../db/identifiers';
import { qualifiedName } from '../database/catalog';
import { connectFor } from '../database/connect';
import { pinSessionSettings } from '../database/session-settings';
import type { ManifestTable } from '../format/manifest';
import { CopySink } from '../restore/copy-sink';
import type { TableSink } from '../table-stream/read-backup-tables';

/** Server memory for the session's temporary tables, so most of a table's load stays in memory. */
const TEMP_BUFFERS = '128MB';

export const PREVIEW_APPLICATION_NAME = 'erp-backup-preview';

export async function openPreviewSession(url: string, purpose: string): Promise<pg.Client> {
  const client = await connectFor(url, PREVIEW_APPLICATION_NAME, purpose);
  try {
    await pinSessionSettings(client);
    await client.query(`SELECT pg_catalog.set_config('temp_buffers', $1, false)`, [TEMP_BUFFERS]);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}

/** A temporary table's quoted name: `pg_temp`-qualified, so it can never name an application table. */
export function tempTable(side: 'before' | 'after', tag: number | string): { name: string; quoted: string } {
  const name = `preview_${side}_${tag}`;
  return { name, quoted: `pg_temp.${quoteIdentifier(name)}` };
}

/** The live table a manifest table names, schema-qualified. */
export function liveRelation(table: ManifestTable): string {
  return qualifiedName({ schema: table.schema, name: table.table });
}

/** A temporary table shaped like a live one (same column types), for typed loading. */
export async function createTempTableLike(client: pg.ClientBase, quotedTemp: string, quotedLive: string): Promise<void> {
  await client.query(`CREATE TEMPORARY TABLE ${quotedTemp} (LIKE ${quotedLive})`);
}

/** A temporary table of text columns, for rows whose types this database does not have. */
export async function createTextTempTable(client: pg.ClientBase, quotedTemp: string, columns: readonly string[]): Promise<void> {
  await client.query(`CREATE TEMPORARY TABLE ${quotedTemp} (${columns.map((c) => `${quoteIdentifier(c)} text`).join(', ')})`);
}

/** Receives one table's COPY data into a temporary table; `finish()` reports the rows it took in. */
export function tempTableSink(client: pg.ClientBase, temp: { name: string; quoted: string }, columns: readonly string[]): TableSink {
  return new CopySink(client, temp.name, columns.length === 0 ? temp.quoted : `${temp.quoted} (${columnList(columns)})`);
}
