/**
 * The preview's connection: settings pinned so that loading COPY text and printing values as
 * text do not depend on the server's, database's or role's defaults (as the dump pins its own),
 * and the temporary tables that receive a backup's rows. Temporary tables live in the session's
 * own `pg_temp` schema, vanish when the connection closes (even after a crash), and are the only
 * thing the preview ever writes.
 */
import type pg from 'pg';
import { quoteIdentifier } from '../../db/identifiers';
import { APP_SCHEMA } from '../database/catalog';
import { connectFor } from '../database/connect';
import { CopySink } from '../restore/copy-sink';
import type { TableSink } from '../table-stream/read-backup-tables';

const PINNED_SETTINGS: readonly [string, string][] = [
  ['client_encoding', 'UTF8'],
  ['DateStyle', 'ISO, MDY'],
  ['IntervalStyle', 'postgres'],
  ['extra_float_digits', '3'],
  ['TimeZone', 'UTC'],
  ['standard_conforming_strings', 'on'],
  ['bytea_output', 'hex'],
  ['temp_buffers', '128MB'],
];

export const PREVIEW_APPLICATION_NAME = 'erp-backup-preview';

export async function openPreviewSession(url: string, purpose: string): Promise<pg.Client> {
  const client = await connectFor(url, PREVIEW_APPLICATION_NAME, purpose);
  try {
    for (const [name, value] of PINNED_SETTINGS) await client.query('SELECT set_config($1, $2, false)', [name, value]);
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

/** A live application table's schema-qualified name (a temporary table never shadows it). */
export function liveRelation(table: string): string {
  return `${quoteIdentifier(APP_SCHEMA)}.${quoteIdentifier(table)}`;
}

/** A temporary table shaped like a live one (same column types), for typed loading. */
export async function createTempTableLike(client: pg.ClientBase, quotedTemp: string, quotedLive: string): Promise<void> {
  await client.query(`CREATE TEMPORARY TABLE ${quotedTemp} (LIKE ${quotedLive})`);
}

/** A temporary table of text columns, for rows whose types this database does not have. */
export async function createTextTempTable(client: pg.ClientBase, quotedTemp: string, columns: readonly string[]): Promise<void> {
  await client.query(`CREATE TEMPORARY TABLE ${quotedTemp} (${columns.map((c) => `${quoteIdentifier(c)} text`).join(', ')})`);
}

/**
 * Receives one table's COPY data into a temporary table. CopySink quotes the bare name; it
 * resolves to the temporary table because `pg_temp` comes first in the search path.
 */
export function tempTableSink(client: pg.ClientBase, name: string, columns: readonly string[]): TableSink {
  return new CopySink(client, name, columns);
}
