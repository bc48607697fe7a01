/**
 * `exportBackupToCsv`: opens a backup (the key decrypts it, the reader checks it, FORMAT.md §9)
 * and writes its data as files any spreadsheet or database tool reads, into a NEW directory:
 * - `<table>.csv` per table: a header row with the column names, then one row per record
 *   (RFC 4180, UTF-8; NULL is an empty field, an empty string is `""`);
 * - `manifest.json`: when and from what the backup was made, and per table its file, columns
 *   with their PostgreSQL types, and row count.
 * Everything is written into `<dir>.partial-<random>` first and renamed to `<dir>` only after the
 * file's authentication tag and every table's count and SHA-256 verified; on any failure the
 * partial directory is removed, so no half-export is ever left. Table names map to file names
 * with anything outside [A-Za-z0-9._-] replaced by `_` (schema-qualified `a.b` stays `a.b`).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { once } from 'node:events';
import type { Keyring } from '../crypto/keys';
import { InvalidInputError } from '../errors';
import type { Manifest } from '../format/manifest';
import { openBackup } from '../restore/open-backup';
import { CopyTextToCsv, csvHeader } from './copy-text-to-csv';

export interface ExportedTable {
  table: string;
  file: string;
  rows: number;
}

export interface ExportResult {
  dir: string;
  keyFingerprint: string;
  createdAt: string;
  tables: ExportedTable[];
  rows: number;
}

export function csvFileName(table: string): string {
  return `${table.replace(/[^A-Za-z0-9._-]/g, '_')}.csv`;
}

async function write(stream: NodeJS.WritableStream, data: string | Buffer): Promise<void> {
  if (!stream.write(data)) await once(stream, 'drain');
}

async function closeFile(file: WriteStream): Promise<void> {
  file.end();
  await once(file, 'close');
}

export async function exportBackupToCsv(
  source: Readable,
  keyring: Keyring,
  options: { dir: string; expectedFingerprint?: string; signal?: AbortSignal; onTable?(table: string, done: number, total: number): void },
): Promise<ExportResult> {
  const dir = path.resolve(options.dir);
  if (await stat(dir).catch(() => null)) throw new InvalidInputError(`"${options.dir}" already exists; choose a new directory.`);
  const partial = `${dir}.partial-${randomBytes(4).toString('hex')}`;
  await mkdir(partial, { recursive: false, mode: 0o700 });
  let file: WriteStream | undefined;
  let converter: CopyTextToCsv | undefined;
  try {
    const opened = await openBackup(source, keyring, { expectedFingerprint: options.expectedFingerprint, signal: options.signal });
    let manifest: Manifest | undefined;
    const tables: ExportedTable[] = [];
    for await (const event of opened.events) {
      switch (event.type) {
        case 'manifest':
          manifest = event.manifest;
          break;
        case 'tableBegin': {
          const columns = manifest!.tables.find((t) => t.name === event.table)!.columns.map((c) => c.name);
          file = createWriteStream(path.join(partial, csvFileName(event.table)), { flags: 'wx', mode: 0o600 });
          await write(file, csvHeader(columns));
          converter = new CopyTextToCsv();
          converter.on('data', (csv: string) => {
            if (!file!.write(csv)) converter!.pause();
          });
          file.on('drain', () => converter?.resume());
          break;
        }
        case 'tableData':
          await write(converter!, event.chunk);
          break;
        case 'tableEnd': {
          converter!.end();
          await once(converter!, 'end');
          await closeFile(file!);
          file = undefined;
          converter = undefined;
          tables.push({ table: event.table, file: csvFileName(event.table), rows: event.rows });
          options.onTable?.(event.table, tables.length, manifest!.tables.length);
          break;
        }
        case 'trailer':
          break;
      }
    }
    // The reader finished without error: the tag, counts and checksums all verified.
    const columnsOf = new Map(manifest!.tables.map((t) => [t.name, t.columns]));
    const described = {
      exportedFrom: { createdAt: manifest!.createdAt, label: manifest!.label ?? null, postgres: manifest!.postgres, appVersion: manifest!.appVersion },
      format: 'CSV (RFC 4180, UTF-8, header row; NULL is an empty field, the empty string is "")',
      tables: tables.map((t) => ({ ...t, columns: columnsOf.get(t.table) })),
    };
    await writeFile(path.join(partial, 'manifest.json'), `${JSON.stringify(described, null, 2)}\n`, { mode: 0o600 });
    await rename(partial, dir);
    return { dir, keyFingerprint: opened.fingerprint, createdAt: manifest!.createdAt, tables, rows: tables.reduce((n, t) => n + t.rows, 0) };
  } catch (error) {
    converter?.destroy();
    file?.destroy();
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}
