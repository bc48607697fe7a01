/**
 * Restores a backup into a database, all or nothing, in ONE transaction on a `pg` connection
 * (not Prisma, whose interactive transactions time out after 5 s), whose session settings are
 * pinned first (session-settings.ts) so the COPY text is parsed exactly as it was written. The
 * one restore engine: the whole database, or — with `selection` — chosen tables (load-plan.ts).
 *
 * 1. Read the manifest and check it against the live catalog, within the backup's scope
 *    (migrations, tables, columns, sequences) — before any write. The live catalog is the
 *    allowlist for every identifier.
 * 2. BEGIN; set the timeouts; start the load plan: the full one (full-load.ts: triggers off,
 *    TRUNCATE, keys suspended, the load's settings and COPY FREEZE from load-tuning.ts) or the selective one (selective/selective-load.ts: temporary
 *    tables for the chosen tables' rows).
 * 3. COPY each table's data into the plan's target, in the file's (dependency) order, and
 *    compare the row count PostgreSQL reports with the file's count for that table (a table the
 *    plan skips is still counted and hashed by the reader).
 * 4. Run the plan's checks (for a selective replace: would it break a foreign key?), finish it
 *    (keys, sequences, views, triggers; for a selection the merge), and write the commit marker
 *    when an operation id is given (commit-marker.ts).
 * 5. COMMIT only after the payload reader has finished: the GCM tag verified by
 *    `decipher.final()`, and every table's row count and SHA-256 matched the trailer.
 * Any failure rolls everything back; the database is left exactly as it was. The abort signal
 * cancels the running statement in every phase (cancel-on-abort.ts).
 *
 * `rehearseRestore` takes this very path and writes nothing, so that whatever would refuse the
 * restore refuses it before the caller writes anything of its own (the safety backup):
 * `'manifest'` stops after step 1 (the file's first frames only: the key, the manifest against
 * the catalog, the selection's tables); `'load'` runs steps 1–4 up to the plan's checks, in a
 * transaction it always rolls back, without the commit marker.
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
import { orderByDependencies, readCatalog, tableKey, type CatalogTable, type DatabaseCatalog } from '../database/catalog';
import type { Manifest } from '../format/manifest';
import type { Trailer } from '../format/trailer';
import { assertCompatible, scopeOf } from './compatibility';
import { writeCommitMarker } from './commit-marker';
import { CopySink } from './copy-sink';
import { beginFullLoad } from './full-load';
import type { FinishingStep, LoadPlan } from './load-plan';
import { openBackup } from './open-backup';
import type { SelectiveReport } from './selective/report';
import { beginSelectiveLoad } from './selective/selective-load';
import { resolveSelection, type RestoreSelection } from './selective/selection';

export type { FinishingStep } from './load-plan';

export type RestorePhase = 'checking' | 'loading' | 'indexing' | 'merging' | 'committing';

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
  /** Restore only these tables, replaced or with their missing rows brought back; absent: the whole database. */
  selection?: RestoreSelection;
  /** Test hook: runs just before each step of the final phase (e.g. to kill the process there). */
  beforeStep?(step: FinishingStep): Promise<void> | void;
}

export interface RestoreResult {
  manifest: Manifest;
  trailer: Trailer;
  fingerprint: string;
  tables: number;
  rows: number;
  durationMs: number;
  /** For a selection: what it inserted, updated and deleted. */
  selective?: SelectiveReport;
}

async function beginRestoreTransaction(client: pg.Client, timeouts: RestoreTimeouts): Promise<void> {
  await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
  // SET LOCAL takes no bind parameters; the values are validated integers.
  await client.query(`SET LOCAL statement_timeout = ${Math.trunc(timeouts.statementMs)}`);
  await client.query(`SET LOCAL lock_timeout = ${Math.trunc(timeouts.lockMs)}`);
  await client.query(`SET LOCAL idle_in_transaction_session_timeout = ${Math.trunc(timeouts.idleInTransactionMs)}`);
}

/** How far a rehearsal goes: the manifest only, or the whole load and the plan's checks. */
export type RehearsalDepth = 'manifest' | 'load';

export type RehearsalOptions = Omit<RestoreOptions, 'operationId' | 'beforeStep'>;

/** Restores the backup: the database ends as the file (or, with a selection, the chosen tables as chosen), or unchanged. */
export async function restoreDatabase(options: RestoreOptions): Promise<RestoreResult> {
  return (await runRestore(options, 'restore'))!;
}

/** Fails exactly as `restoreDatabase` would refuse the file and the selection (up to `depth`), and writes nothing. */
export async function rehearseRestore(options: RehearsalOptions, depth: RehearsalDepth): Promise<void> {
  await runRestore(options, depth);
}

async function runRestore(options: RestoreOptions, run: 'restore' | RehearsalDepth): Promise<RestoreResult | undefined> {
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
    let plan: LoadPlan | undefined;
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
          const selection = options.selection ? resolveSelection(options.selection, manifest, orderByDependencies(catalog.tables)) : undefined;
          if (run === 'manifest') return undefined;
          const live = new Map(catalog.tables.map((t) => [t.key, t]));
          for (const t of manifest.tables) tablesByName.set(t.name, live.get(tableKey(t.schema, t.table))!);
          inTransaction = true;
          await beginRestoreTransaction(client, timeouts);
          plan = selection
            ? await beginSelectiveLoad(client, catalog, selection, (table, done, total) =>
                report({ phase: 'merging', table, tablesDone: done, tablesTotal: total, rows }),
              )
            : await beginFullLoad(client, catalog);
          break;
        }
        case 'tableBegin': {
          const table = tablesByName.get(event.table);
          if (!table) throw new SchemaMismatchError(`The backup contains table "${event.table}", which this database does not have.`, { table: event.table });
          const into = plan!.target(table);
          sink = into === undefined ? undefined : new CopySink(client, table.key, into.target, { freeze: into.freeze });
          report({ phase: 'loading', table: table.key, tablesDone, tablesTotal: manifest!.tables.length, rows });
          break;
        }
        case 'tableData':
          await sink?.write(event.chunk);
          break;
        case 'tableEnd': {
          const loaded = sink ? await sink.finish() : event.rows;
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
    if (!manifest || !trailer || !plan || !catalog) throw new SchemaMismatchError('The backup ended without its manifest or trailer.');
    report({ phase: 'indexing', tablesDone, tablesTotal: manifest.tables.length, rows });
    await plan.check();
    if (run === 'load') {
      await client.query('ROLLBACK');
      inTransaction = false;
      return undefined;
    }
    const selective = await plan.finish(manifest, step);
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
      ...(selective ? { selective } : {}),
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
