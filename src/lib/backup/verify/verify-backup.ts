/**
 * Verifies a backup without touching any database: decrypts (checking the GCM tag),
 * decompresses, parses every frame and checks every table's row count and SHA-256 against the
 * trailer. Resolves with what the file contains; throws the BackupError that names the fault.
 */
import type { Readable } from 'node:stream';
import type { Keyring } from '../crypto/keys';
import { TruncatedBackupError } from '../errors';
import type { Manifest } from '../format/manifest';
import type { Trailer } from '../format/trailer';
import { openBackup } from '../restore/open-backup';

export interface VerifyResult {
  manifest: Manifest;
  trailer: Trailer;
  fingerprint: string;
  tables: number;
  rows: number;
  payloadBytes: number;
  durationMs: number;
}

export async function verifyBackupStream(
  source: Readable,
  keyring: Keyring,
  options: { expectedFingerprint?: string; signal?: AbortSignal; onProgress?(rows: number, tablesDone: number): void } = {},
): Promise<VerifyResult> {
  const started = performance.now();
  const opened = await openBackup(source, keyring, options);
  let manifest: Manifest | undefined;
  let trailer: Trailer | undefined;
  let payloadBytes = 0;
  let tables = 0;
  let rows = 0;
  for await (const event of opened.events) {
    if (event.type === 'manifest') manifest = event.manifest;
    else if (event.type === 'tableData') payloadBytes += event.chunk.length;
    else if (event.type === 'tableEnd') {
      tables += 1;
      rows += event.rows;
      options.onProgress?.(rows, tables);
    } else if (event.type === 'trailer') trailer = event.trailer;
  }
  if (!manifest || !trailer) throw new TruncatedBackupError('the payload has no manifest or trailer');
  return { manifest, trailer, fingerprint: opened.fingerprint, tables, rows, payloadBytes, durationMs: Math.round(performance.now() - started) };
}
