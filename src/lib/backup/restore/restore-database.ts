/**
 * Restores a backup into a database, all or nothing, in ONE transaction on a `pg` connection
 * (not Prisma, whose interactive transactions time out after 5 s), whose session settings are
 * pinned first (session-settings.ts) so the COPY text is parsed exactly as it was written:
 *
 * 1. Read the manifest and check it against the live catalog, within the backup's scope
 *    (migrations, tables, columns, sequences) — before any write. The live catalog is the
 *    allowlist for every identifier.
 * 2. BEGIN; set the timeouts; disable the user triggers of the backup's tables (user-triggers.ts);
 *    TRUNCATE those tables (never the module's own tables, nor anything the backup excluded); suspend keys
 *    and indexes for the bulk load, with the load's settings (load-tuning.ts).
 * 3. COPY each table's data back in, in the file's (dependency) order (FREEZE where allowed), and compare the row count
 *    PostgreSQL reports with the file's count for that table.
 * 4. Recreate keys and indexes (validating every row), set every sequence transactionally
 *    (sequences.ts), refresh the materialized views, re-enable the triggers as they were, and
 *    write the commit marker when an operation id is given (commit-marker.ts).
 * 5. COMMIT only after the payload reader has finished: the GCM tag verified by
 *    `decipher.final()`, and every table's row count and SHA-256 matched the trailer.
 * Any failure rolls everything back; the database is left exactly as it was. The abort signal
 * cancels the running statement in every phase (cancel-on-abort.ts).
 */
import type { Readable } from 'node:stream';
import type pg from 'pg';
import { DEFAULT_RESTORE_TIMEOUTS, type RestoreTimeouts } from '../config';
import { SchemaMismatchError, CancelledError, ChecksumMismatchError } from '../errors';
import { connectFor } from '../database/connect';
import { cancelOnAbort } from '../database/cancel-on-abort';
import { toDatabaseError } from '../database/pg-errors';
import { pinSessionSettings } from '../database/session-settings';
import type { Keyring } from '../crypto/keys';
import { copyTarget, qualifiedName, readCatalog, tableKey, type CatalogTable, type DatabaseCatalog } from '../database/catalog';
import type { Manifest } from '../format/manifest';
import type { Trailer } from '../format/trailer';
import { assertCompatible, scopeOf } from './compatibility';
import { restoreConstraints, suspendConstraints, type SuspendedConstraints } from '../../db/bulk-load';
import { writeCommitMarker } from './commit-marker';
import { CopySink } from './copy-sink';
import { copyFreezeTargets, tuneLoadTransaction } from './load-tuning';
import { refreshMaterializedViews } from './materialized-views';
import { openBackup } from './open-backup';
import { restoreSequences } from './sequences';
import { suspendUserTriggers, type SuspendedTriggers } from './user-triggers';


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
  /** The restore operation's id: written as the commit marker in the restore's transaction. */
  operationId?: string;
  onProgress?(progress: RestoreProgress): void;
  /** Test hook: runs just before each step of the final phase (e.g. to kill the process there). */
  beforeStep?(step: FinishingStep): Promise<void> | void;
}

export type FinishingStep = 'constraints' | 'sequences' | 'materialized-views' | 'triggers' | 'commit';

export interface RestoreResult {
  manifest: Manifest;
  trailer: Trailer;
  fingerprint: string;
  tables: number;
  rows: number;
  durationMs: number;
}

interface LoadState {
  suspended: SuspendedConstraints;
  triggers: SuspendedTriggers;
}

async function beginRestoreTransaction(client: pg.Client, catalog: DatabaseCatalog, timeouts: RestoreTimeouts): Promise<LoadState> {
  await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
  // SET LOCAL takes no bind parameters; the values are validated integers.
  await client.query(`SET LOCAL statement_timeout = ${Math.trunc(timeouts.statementMs)}`);
  await client.query(`SET LOCAL lock_timeout = ${Math.trunc(timeouts.lockMs)}`);
  await client.query(`SET LOCAL idle_in_transaction_session_timeout = ${Math.trunc(timeouts.idleInTransactionMs)}`);
  const tables = catalog.tables.map(qualifiedName);
  // Partitioned parents too: a foreign key declared on one blocks truncating what it references.
  const truncated = [...catalog.partitionedTables.map(qualifiedName), ...tables];
  // Before the TRUNCATE, so that TRUNCATE triggers do not fire either.
  const triggers = await suspendUserTriggers(client, truncated);
  if (truncated.length > 0) {
    try {
      await client.query(`TRUNCATE ${truncated.join(', ')} RESTRICT`);
    } catch (error) {
      if ((error as { code?: string }).code === '0A000') {
        throw new SchemaMismatchError(`A table outside the backup references its tables, so they cannot be replaced: ${(error as Error).message}.`, {
          cause: error,
        });
      }
      throw error;
    }
  }
  await tuneLoadTransaction(client);
  return { suspended: await suspendConstraints(client, tables), triggers };
}

export async function restoreDatabase(options: RestoreOptions): Promise<RestoreResult> {
  const started = performance.now();
  const timeouts = options.timeouts ?? DEFAULT_RESTORE_TIMEOUTS;
  const report = options.onProgress ?? (() => undefined);
  const step = async (name: FinishingStep) => {
    await options.beforeStep?.(name);
    if (options.signal?.aborted) throw new CancelledError();
  };
  const opened = await openBackup(options.source, options.keyring, {
    expectedFingerprint: options.expectedFingerprint,
    signal: options.signal,
  });
  const client = await connectFor(options.targetUrl, 'erp-backup-restore', 'to restore into').catch(async (error: unknown) => {
    await opened.events.return(undefined).catch(() => undefined);
    throw error;
  });
  const cancellation = cancelOnAbort(options.signal, options.targetUrl, client);
  let inTransaction = false;
  let sink: CopySink | undefined;
  try {
    await pinSessionSettings(client);
    let catalog: DatabaseCatalog | undefined;
    let manifest: Manifest | undefined;
    let trailer: Trailer | undefined;
    let load: LoadState | undefined;
    let freezable = new Set<string>();
    let tablesDone = 0;
    let rows = 0;
    /** Payload table name → live table. */
    const tablesByName = new Map<string, CatalogTable>();

    for await (const event of opened.events) {
      if (options.signal?.aborted) throw new CancelledError();
      switch (event.type) {
        case 'manifest': {
          report({ phase: 'checking', tablesDone: 0, tablesTotal: event.manifest.tables.length, rows: 0 });
          manifest = event.manifest;
          catalog = await readCatalog(client, scopeOf(manifest));
          assertCompatible(manifest, catalog);
          const live = new Map(catalog.tables.map((t) => [t.key, t]));
          for (const t of manifest.tables) tablesByName.set(t.name, live.get(tableKey(t.schema, t.table))!);
          inTransaction = true;
          load = await beginRestoreTransaction(client, catalog, timeouts);
          freezable = await copyFreezeTargets(client, catalog.tables.map(qualifiedName));
          break;
        }
        case 'tableBegin': {
          const table = tablesByName.get(event.table);
          if (!table) throw new SchemaMismatchError(`The backup contains table "${event.table}", which this database does not have.`, { table: event.table });
          sink = new CopySink(client, table.key, copyTarget(table), { freeze: freezable.has(qualifiedName(table)) });
          report({ phase: 'loading', table: table.key, tablesDone, tablesTotal: manifest!.tables.length, rows });
          break;
        }
        case 'tableData':
          await sink!.write(event.chunk);
          break;
        case 'tableEnd': {
          const loaded = await sink!.finish();
          sink = undefined;
          // A `\.` line or other crafted content can make PostgreSQL stop early or read rows differently.
          if (loaded !== event.rows) throw new ChecksumMismatchError(event.table, `PostgreSQL loaded ${loaded} rows, the file holds ${event.rows}`);
          tablesDone += 1;
          rows += event.rows;
          report({ phase: 'loading', table: event.table, tablesDone, tablesTotal: manifest!.tables.length, rows });
          break;
        }
        case 'trailer':
          trailer = event.trailer;
          break;
      }
    }
    // The reader finished without error: the GCM tag verified and every table matched the trailer.
    if (!manifest || !trailer || !load || !catalog) throw new SchemaMismatchError('The backup ended without its manifest or trailer.');
    report({ phase: 'indexing', tablesDone, tablesTotal: manifest.tables.length, rows });
    await step('constraints');
    await restoreConstraints(client, load.suspended);
    await step('sequences');
    await restoreSequences(client, manifest.sequences);
    await step('materialized-views');
    await refreshMaterializedViews(client, catalog.materializedViews);
    await step('triggers');
    await load.triggers.resume();
    if (options.operationId) await writeCommitMarker(client, options.operationId);
    report({ phase: 'committing', tablesDone, tablesTotal: manifest.tables.length, rows });
    await step('commit');
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
    cancellation.stop();
    await sink?.abort();
    if (inTransaction) await client.query('ROLLBACK').catch(() => undefined);
    await opened.events.return(undefined).catch(() => undefined);
    if (options.signal?.aborted) throw new CancelledError();
    throw toDatabaseError(error, 'while restoring; nothing was changed');
  } finally {
    cancellation.stop();
    await client.end().catch(() => undefined);
  }
}
