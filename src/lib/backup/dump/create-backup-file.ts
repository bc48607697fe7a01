/**
 * Creates one backup file: snapshot → payload frames → parallel gzip → AES-256-GCM → a file in
 * local storage, streamed end to end with backpressure (memory does not grow with the database).
 *
 * The file appears under its final name only when complete: the sealer writes a temp file in the
 * same directory, puts the GCM tag into bytes 16–32, fsyncs, and the storage renames it and
 * fsyncs the directory. Any failure (database, disk full, cancel) removes the temp file and
 * rethrows one BackupError. The result carries what the Backup row records, including the SHA-256
 * of the finished file, read back from disk.
 */
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { DeflateChoice } from '../format/constants';
import { createParallelGzip } from '../compression/parallel-gzip';
import { sealToFile } from '../crypto/seal';
import type { Keyring } from '../crypto/keys';
import { toBackupError, CancelledError } from '../errors';
import type { Manifest } from '../format/manifest';
import { createPayloadStream } from '../format/payload-writer';
import type { Trailer } from '../format/trailer';
import type { LocalStorage } from '../storage/local-storage';
import { sha256OfStream } from '../storage/checksum';
import { ByteCounter } from '../storage/byte-counter';
import { APP_VERSION } from '../version';
import { openSnapshot, snapshotEvents, type DumpProgress } from './snapshot';

export interface CreateBackupFileOptions {
  sourceUrl: string;
  storage: LocalStorage;
  filename: string;
  keyring: Keyring;
  gzipLevel?: number;
  deflate?: DeflateChoice;
  /** What to leave out on purpose (BACKUP_EXCLUDE_SCHEMAS / BACKUP_EXCLUDE_TABLES). */
  exclude?: { schemas: readonly string[]; tables: readonly string[] };
  label?: string;
  trigger?: string;
  signal?: AbortSignal;
  onProgress?(progress: DumpProgress & { tablesTotal: number; estimatedRows: number }): void;
  /** Test hook: a smaller AES-GCM plaintext limit. */
  gcmLimitBytes?: number;
}

export interface BackupFileResult {
  filename: string;
  size: number;
  sha256: string;
  keyFingerprint: string;
  manifest: Manifest;
  trailer: Trailer;
  tableCount: number;
  rowCount: number;
  uncompressedBytes: number;
  durationMs: number;
}

export async function createBackupFile(options: CreateBackupFileOptions): Promise<BackupFileResult> {
  const started = performance.now();
  if (options.signal?.aborted) throw new CancelledError();
  const key = options.keyring.current;
  const snapshot = await openSnapshot(options.sourceUrl, {
    appVersion: APP_VERSION,
    keyFingerprint: key.fingerprint,
    label: options.label,
    trigger: options.trigger,
    scope: options.exclude ? { excludeSchemas: options.exclude.schemas, excludeTables: options.exclude.tables } : undefined,
  });
  const tablesTotal = snapshot.catalog.tables.length;
  const estimatedRows = snapshot.catalog.tables.reduce((sum, t) => sum + t.estimatedRows, 0);
  let trailer: Trailer | undefined;
  const payloadBytes = new ByteCounter();
  try {
    const payload = createPayloadStream(
      snapshotEvents(snapshot, (p) => options.onProgress?.({ ...p, tablesTotal, estimatedRows })),
      { onTrailer: (t) => (trailer = t) },
    );
    const gzip = createParallelGzip({ level: options.gzipLevel, deflate: options.deflate });
    await options.storage.writeWith(options.filename, async (tmpPath) => {
      const compressing = pipeline(payload, payloadBytes, gzip, { signal: options.signal });
      const sealing = sealToFile(gzip, tmpPath, key.key, { signal: options.signal, maxPlaintextBytes: options.gcmLimitBytes });
      const [compressed, sealed] = await Promise.allSettled([compressing, sealing]);
      // The sealer's error (disk full, limit) explains more than the "premature close" it causes upstream.
      if (sealed.status === 'rejected') throw sealed.reason;
      if (compressed.status === 'rejected') throw compressed.reason;
    });
  } catch (error) {
    if (options.signal?.aborted) throw new CancelledError();
    throw toBackupError(error);
  } finally {
    await snapshot.close();
  }
  const path = await options.storage.pathOf(options.filename);
  const { sha256, size } = await sha256OfStream(createReadStream(path));
  return {
    filename: options.filename,
    size,
    sha256,
    keyFingerprint: key.fingerprint,
    manifest: snapshot.manifest,
    trailer: trailer!,
    tableCount: tablesTotal,
    rowCount: trailer!.totalRows,
    uncompressedBytes: payloadBytes.bytes,
    durationMs: Math.round(performance.now() - started),
  };
}
