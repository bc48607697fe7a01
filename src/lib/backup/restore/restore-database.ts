/**
 * Restores a backup into a database, all or nothing, in ONE transaction on a `pg` connection
 * (not Prisma, whose interactive transactions time out after 5 s):
 *
 * 1. Read the manifest and check it against the live catalog (migrations, tables, columns) —
 *    before any write. The live catalog is the allowlist for every identifier.
 * 2. BEGIN; set statement_timeout, lock_timeout and idle_in_transaction_session_timeout;
 *    TRUNCATE the application tables (never the system-history tables); suspend keys and
 *    indexes for the bulk load, with the load's settings (load-tuning.ts).
 * 3. COPY each table's data back in, in the file's (dependency) order (FREEZE where allowed).
 * 4. Recreate keys and indexes (validating every row), set every sequence to its recorded value.
 * 5. COMMIT only after the payload reader has finished: the GCM tag verified by
 *    `decipher.final()`, and every table's row count and SHA-256 matched the trailer.
 * Any failure rolls everything back; the database is left exactly as it was.
 */
import type { Readable } from 'node:stream';
import type pg from 'pg';
import { SchemaMismatchError, CancelledError } from '../errors';
import { connectFor } from '../database/connect';
import { toDatabaseError } from '../database/pg-errors';
import type { Keyring } from '../crypto/keys';
import { readCatalog, type DatabaseCatalog } from '../database/catalog';
import { quoteIdentifier } from '../../db/identifiers';
import type { Manifest } from '../format/manifest';
import type { Trailer } from '../format/trailer';
import { assertCompatible } from './compatibility';
import { restoreConstraints, suspendConstraints, type SuspendedConstraints } from '../../db/bulk-load';
import { CopySink } from './copy-sink';
import { copyFreezeTargets, tuneLoadTransaction } from './load-tuning';
import { openBackup } from './open-backup';

export interface RestoreTimeouts {
  statementMs: number;
  lockMs: number;
  idleInTransactionMs: number;
}

export const DEFAULT_RESTORE_TIMEOUTS: RestoreTimeouts = { statementMs: 7_200_000, lockMs: 30_000, idleInTransactionMs: 600_000 };

export type RestorePhase = 'checking' | 'loading' | 'indexing' | 'committing';

export interface RestoreProgress {
  phase: RestorePhase;
  table?: string;
  tablesDone: number;
  tablesTotal: number;
  rows: number;
}

export interface RestoreOptions {
  targetUrl: string;
  source: Readable;
  keyring: Keyring;
  expectedFingerprint?: string;
  timeouts?: RestoreTimeouts;
  signal?: AbortSignal;
  onProgress?(progress: RestoreProgress): void;
}

export interface RestoreResult {
  manifest: Manifest;
  trailer: Trailer;
  fingerprint: string;
  tables: number;
  rows: number;
  durationMs: number;
}

async function beginRestoreTransaction(client: pg.Client, catalog: DatabaseCatalog, timeouts: RestoreTimeouts): Promise<SuspendedConstraints> {
  await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
  // SET LOCAL takes no bind parameters; the values are validated integers.
  await client.query(`SET LOCAL statement_timeout = ${Math.trunc(timeouts.statementMs)}`);
  await client.query(`SET LOCAL lock_timeout = ${Math.trunc(timeouts.lockMs)}`);
  await client.query(`SET LOCAL idle_in_transaction_session_timeout = ${Math.trunc(timeouts.idleInTransactionMs)}`);
  const tables = catalog.tables.map((t) => t.name);
  if (tables.length > 0) {
    try {
      await client.query(`TRUNCATE ${tables.map(quoteIdentifier).join(', ')} RESTRICT`);
    } catch (error) {
      if ((error as { code?: string }).code === '0A000') {
        throw new SchemaMismatchError('Another table references the application tables, so they cannot be replaced.', { cause: error });
      }
      throw error;
    }
  }
  await tuneLoadTransaction(client);
  return suspendConstraints(client, tables);
}

async function setSequences(client: pg.Client, manifest: Manifest): Promise<void> {
  for (const s of manifest.sequences) {
    await client.query('SELECT setval($1::regclass, $2::bigint, $3::boolean)', [quoteIdentifier(s.sequence), s.value, s.isCalled]);
  }
}

export async function restoreDatabase(options: RestoreOptions): Promise<RestoreResult> {
  const started = performance.now();
  const timeouts = options.timeouts ?? DEFAULT_RESTORE_TIMEOUTS;
  const report = options.onProgress ?? (() => undefined);
  const opened = await openBackup(options.source, options.keyring, {
    expectedFingerprint: options.expectedFingerprint,
    signal: options.signal,
  });
  const client = await connectFor(options.targetUrl, 'erp-backup-restore', 'to restore into');
  let inTransaction = false;
  let sink: CopySink | undefined;
  try {
    let catalog: DatabaseCatalog | undefined;
    let manifest: Manifest | undefined;
    let trailer: Trailer | undefined;
    let suspended: SuspendedConstraints | undefined;
    let freezable = new Set<string>();
    let tablesDone = 0;
    let rows = 0;
    const columnsOf = new Map<string, string[]>();

    for await (const event of opened.events) {
      if (options.signal?.aborted) throw new CancelledError();
      switch (event.type) {
        case 'manifest':
          report({ phase: 'checking', tablesDone: 0, tablesTotal: event.manifest.tables.length, rows: 0 });
          manifest = event.manifest;
          catalog = await readCatalog(client);
          assertCompatible(manifest, catalog);
          for (const table of catalog.tables) columnsOf.set(table.name, table.columns.map((c) => c.name));
          inTransaction = true;
          suspended = await beginRestoreTransaction(client, catalog, timeouts);
          freezable = await copyFreezeTargets(client, catalog.tables.map((t) => quoteIdentifier(t.name)));
          break;
        case 'tableBegin': {
          const columns = columnsOf.get(event.table);
          if (!columns) throw new SchemaMismatchError(`The backup contains table "${event.table}", which this database does not have.`, { table: event.table });
          sink = new CopySink(client, event.table, columns, { freeze: freezable.has(quoteIdentifier(event.table)) });
          report({ phase: 'loading', table: event.table, tablesDone, tablesTotal: manifest!.tables.length, rows });
          break;
        }
        case 'tableData':
          await sink!.write(event.chunk);
          break;
        case 'tableEnd':
          await sink!.finish();
          sink = undefined;
          tablesDone += 1;
          rows += event.rows;
          report({ phase: 'loading', table: event.table, tablesDone, tablesTotal: manifest!.tables.length, rows });
          break;
        case 'trailer':
          trailer = event.trailer;
          break;
      }
    }
    // The reader finished without error: the GCM tag verified and every table matched the trailer.
    if (!manifest || !trailer || !suspended) throw new SchemaMismatchError('The backup ended without its manifest or trailer.');
    report({ phase: 'indexing', tablesDone, tablesTotal: manifest.tables.length, rows });
    await restoreConstraints(client, suspended);
    await setSequences(client, manifest);
    report({ phase: 'committing', tablesDone, tablesTotal: manifest.tables.length, rows });
    await client.query('COMMIT');
    inTransaction = false;
    return {
      manifest,
      trailer,
      fingerprint: opened.fingerprint,
      tables: tablesDone,
      rows,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    await sink?.abort();
    if (inTransaction) await client.query('ROLLBACK').catch(() => undefined);
    await opened.events.return(undefined).catch(() => undefined);
    if (options.signal?.aborted) throw new CancelledError();
    throw toDatabaseError(error, 'while restoring; nothing was changed');
  } finally {
    await client.end().catch(() => undefined);
  }
}
