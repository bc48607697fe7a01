/**
 * Streams generated rows into PostgreSQL with `COPY "T" (...) FROM STDIN` (pg-copy-streams) through
 * `stream/promises.pipeline`, so backpressure holds and no table is ever held in memory: rows are
 * pulled lazily from the table's generator and sent in batches of about BATCH_BYTES. Rows are
 * written already frozen (COPY FREEZE, allowed because the caller truncated the table in the same
 * transaction): the first reader, e.g. the first backup, need not rewrite every page to set hint
 * bits, and VACUUM has nothing left to freeze. Also the statements around the copies: truncating
 * the seeded tables and moving each serial sequence past the largest id loaded. Everything runs on
 * the caller's client, inside the caller's transaction.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { quoteIdentifier } from '../db/identifiers';
import { from as copyFrom } from 'pg-copy-streams';
import type { TableSource } from './table-source';

export const BATCH_BYTES = 64 * 1024;
const PROGRESS_INTERVAL_MS = 10_000;


export interface CopyResult {
  rows: number;
  ms: number;
}

/** Joins generated lines into chunks of about BATCH_BYTES, counting rows as they pass. */
function* batches(lines: Iterable<string>, counter: { rows: number; onBatch(): void }): Generator<Buffer> {
  let batch = '';
  for (const line of lines) {
    batch += line;
    counter.rows++;
    if (batch.length >= BATCH_BYTES) {
      yield Buffer.from(batch, 'utf8');
      batch = '';
      counter.onBatch();
    }
  }
  if (batch.length > 0) yield Buffer.from(batch, 'utf8');
}

export async function copyTable(client: pg.ClientBase, source: TableSource, log: (line: string) => void): Promise<CopyResult> {
  const started = performance.now();
  let lastReport = started;
  const counter = {
    rows: 0,
    onBatch() {
      const now = performance.now();
      if (now - lastReport < PROGRESS_INTERVAL_MS) return;
      lastReport = now;
      log(`  ${source.table}: ${counter.rows.toLocaleString('en-US')} rows so far (${((now - started) / 1000).toFixed(1)} s)`);
    },
  };
  const sql = `COPY ${quoteIdentifier(source.table)} (${source.columns.map(quoteIdentifier).join(', ')}) FROM STDIN WITH (FREEZE)`;
  const sink = client.query(copyFrom(sql));
  await pipeline(Readable.from(batches(source.rows(), counter)), sink);
  if (sink.rowCount !== counter.rows) {
    throw new Error(`COPY into ${source.table} stored ${sink.rowCount} rows, but ${counter.rows} were generated`);
  }
  return { rows: counter.rows, ms: performance.now() - started };
}

export async function truncateTables(client: pg.ClientBase, tables: readonly string[]): Promise<void> {
  await client.query(`TRUNCATE ${tables.map(quoteIdentifier).join(', ')} RESTART IDENTITY CASCADE`);
}

/** Sets each table's `id` sequence (if it has one) so that the next insert gets max(id) + 1. */
export async function resetSequences(client: pg.ClientBase, tables: readonly string[]): Promise<void> {
  const { rows } = await client.query<{ table: string; sequence: string | null }>(
    `SELECT c.table_name AS table, pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) AS sequence
       FROM information_schema.columns c
      WHERE c.table_schema = current_schema() AND c.table_name = ANY($1::text[]) AND c.column_name = 'id'`,
    [tables],
  );
  for (const { table, sequence } of rows) {
    if (sequence === null) continue;
    await client.query(
      `SELECT setval($1::regclass, coalesce(max("id"), 1), max("id") IS NOT NULL) FROM ${quoteIdentifier(table)}`,
      [sequence],
    );
  }
}
