/**
 * Reads a backup table by table: the one path that hands a consumer each table's COPY data
 * (envelope → gunzip → verified frames, through `openBackup`), for consumers that want some or
 * all tables somewhere other than a full restore — the preview loads them into temporary
 * tables; a selective restore can load the chosen ones into the live tables.
 *
 * For every table, in payload order, `openTable` decides: return a sink to receive the table's
 * COPY data (whole TABLE_DATA bodies, with backpressure), or nothing to skip it (its bytes are
 * still counted and hashed). A sink is finished at the table's end, after the reader checked
 * its rows and SHA-256 against TABLE_END; a sink that reports how many rows it took in must
 * report the file's count (a `\.` line would stop PostgreSQL's COPY early). The promise resolves only after the whole file
 * verified — GCM tag, every table, the trailer — so a consumer may commit once it resolves, and
 * never before. On any error the open sink is aborted and the error rethrown.
 */
import type { Readable } from 'node:stream';
import type { Keyring } from '../crypto/keys';
import { CancelledError, ChecksumMismatchError, TruncatedBackupError } from '../errors';
import type { Manifest, ManifestTable } from '../format/manifest';
import type { Trailer } from '../format/trailer';
import { openBackup } from '../restore/open-backup';

export interface TableSink {
  write(chunk: Buffer): Promise<void>;
  /** Ends the table; may resolve with the number of rows the destination took in. */
  finish(): Promise<number | void>;
  /** Ends an unfinished table after an error; never throws. */
  abort(): Promise<void>;
}

export interface ReadBackupTablesOptions {
  source: Readable;
  keyring: Keyring;
  expectedFingerprint?: string;
  signal?: AbortSignal;
  /** Called once, before any table, with the file's manifest. */
  onManifest?(manifest: Manifest): Promise<void> | void;
  openTable(table: ManifestTable): Promise<TableSink | undefined> | TableSink | undefined;
  /** Called after each table (read or skipped) with its verified row count. */
  onTableEnd?(table: ManifestTable, rows: number): Promise<void> | void;
}

export interface ReadBackupTablesResult {
  manifest: Manifest;
  trailer: Trailer;
  fingerprint: string;
}

export async function readBackupTables(options: ReadBackupTablesOptions): Promise<ReadBackupTablesResult> {
  const opened = await openBackup(options.source, options.keyring, {
    expectedFingerprint: options.expectedFingerprint,
    signal: options.signal,
  });
  let manifest: Manifest | undefined;
  let trailer: Trailer | undefined;
  let table: ManifestTable | undefined;
  let sink: TableSink | undefined;
  try {
    for await (const event of opened.events) {
      if (options.signal?.aborted) throw new CancelledError();
      switch (event.type) {
        case 'manifest':
          manifest = event.manifest;
          await options.onManifest?.(manifest);
          break;
        case 'tableBegin':
          // The reader checked that the name is the manifest's next table.
          table = manifest!.tables.find((t) => t.name === event.table)!;
          sink = await options.openTable(table);
          break;
        case 'tableData':
          await sink?.write(event.chunk);
          break;
        case 'tableEnd': {
          const loaded = await sink?.finish();
          sink = undefined;
          if (typeof loaded === 'number' && loaded !== event.rows) {
            throw new ChecksumMismatchError(event.table, `the destination took in ${loaded} rows, the file holds ${event.rows}`);
          }
          await options.onTableEnd?.(table!, event.rows);
          break;
        }
        case 'trailer':
          trailer = event.trailer;
          break;
      }
    }
    if (!manifest || !trailer) throw new TruncatedBackupError('the payload has no manifest or trailer');
    return { manifest, trailer, fingerprint: opened.fingerprint };
  } catch (error) {
    await sink?.abort();
    await opened.events.return(undefined).catch(() => undefined);
    if (options.signal?.aborted) throw new CancelledError();
    throw error;
  }
}
